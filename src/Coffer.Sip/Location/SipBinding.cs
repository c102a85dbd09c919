namespace Coffer.Sip.Location;

/// <summary>
/// One registered device of a user: the location service's answer to "where is this device now" (RFC 3261 §10).
/// </summary>
/// <param name="User">The account (the address-of-record's user part, as authenticated).</param>
/// <param name="Device">The device's id, unique per user (docs/sip.md, "Device ids").</param>
/// <param name="Contact">The Contact URI the device registered (without header parameters).</param>
/// <param name="Received">Where the REGISTER came from: transport, source address and port ("UDP 192.0.2.4:5060").</param>
/// <param name="ExpiresAt">When the binding ends unless refreshed.</param>
/// <param name="CallId">The Call-ID of the REGISTER that wrote the binding (§10.3 step 7).</param>
/// <param name="CSeq">Its CSeq number (§10.3 step 7).</param>
/// <param name="Node">The server node that accepted it.</param>
public sealed record SipBinding(
    string User,
    string Device,
    string Contact,
    string Received,
    DateTimeOffset ExpiresAt,
    string CallId,
    uint CSeq,
    string Node);
