namespace Coffer.Sip.Message;

/// <summary>A response: SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 §7.2).</summary>
public sealed class SipResponse : SipMessage
{
    public required int StatusCode { get; set; }
    public string ReasonPhrase { get; set; } = "";

    public bool IsProvisional => StatusCode < 200;

    public override string StartLine => $"{Version} {StatusCode} {ReasonPhrase}";
}
