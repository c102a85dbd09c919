namespace Coffer.Sip.Message;

/// <summary>A request: Method SP Request-URI SP SIP-Version (RFC 3261 §7.1).</summary>
public sealed class SipRequest : SipMessage
{
    public required string Method { get; set; }
    public required SipUri Uri { get; set; }

    public override string StartLine => $"{Method} {Uri} {Version}";
}
