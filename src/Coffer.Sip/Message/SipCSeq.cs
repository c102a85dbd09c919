namespace Coffer.Sip.Message;

/// <summary>The CSeq header field (RFC 3261 §8.1.1.5, §20.16): a 32-bit sequence number and a method.</summary>
public sealed record SipCSeq(uint Number, string Method)
{
    public override string ToString() => $"{Number} {Method}";
}
