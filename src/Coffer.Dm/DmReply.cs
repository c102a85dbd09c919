namespace Coffer.Dm;

/// <summary>
/// The engine's answer: the message to send back, its bytes as they go on the wire, the <c>x-syncml-hmac</c> header
/// that goes with them in an HMAC session (OMA-TS-DM_Security-V1_2 §5.5.2), and whether it refused the credentials.
/// </summary>
public sealed record DmReply(Coffer.SyncML.SyncMLMessage Message, bool Refused, byte[] Bytes, string? Hmac);
