namespace Coffer.Formats.Mail;

/// <summary>Content-Transfer-Encoding values (RFC 2045 §6.1).</summary>
public enum ContentEncoding
{
    /// <summary>No Content-Transfer-Encoding header: 7bit is implied (RFC 2045 §6.1).</summary>
    Default,
    SevenBit,
    EightBit,
    Binary,
    QuotedPrintable,
    Base64,

    /// <summary>An x-token or unknown value; the content is kept but treated as opaque octets (RFC 2045 §6.4).</summary>
    Unknown,
}
