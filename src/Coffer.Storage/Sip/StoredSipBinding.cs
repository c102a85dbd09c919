namespace Coffer.Storage;

/// <summary>
/// One registered device of a user (table sip_bindings): where the registrar reaches it until <paramref name="ExpiresAt"/>.
/// </summary>
/// <param name="Device">The device's id, unique per user (docs/sip.md, "Device ids").</param>
/// <param name="Contact">The Contact URI the device registered.</param>
/// <param name="Received">Where its REGISTER came from: transport, source address and port ("UDP 192.0.2.4:5060").</param>
/// <param name="CallId">Call-ID and CSeq of the REGISTER that wrote it (RFC 3261 §10.3 step 7 orders refreshes by them).</param>
/// <param name="Node">The server node that accepted the REGISTER.</param>
public sealed record StoredSipBinding(
    long UserId,
    string UserName,
    string Device,
    string Contact,
    string Received,
    DateTimeOffset ExpiresAt,
    string CallId,
    long CSeq,
    string Node);
