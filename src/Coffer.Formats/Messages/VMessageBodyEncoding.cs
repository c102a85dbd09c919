namespace Coffer.Formats.Messages;

/// <summary>How <see cref="VMessageWriter"/> writes the VBODY text.</summary>
public enum VMessageBodyEncoding
{
    /// <summary>Plain text, unless a line would read as END:/BEGIN: or holds control characters: then quoted-printable.</summary>
    Auto,

    /// <summary>Always plain (8-bit UTF-8 when the text is not ASCII).</summary>
    Plain,

    /// <summary>Always quoted-printable UTF-8 with Content-Type / Content-Transfer-Encoding lines (RFC 2045 §6.7).</summary>
    QuotedPrintable,
}
