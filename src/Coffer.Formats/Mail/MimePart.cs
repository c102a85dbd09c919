using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>A leaf MIME entity: its content as it travels (<see cref="RawContent"/>) plus decoding helpers.</summary>
public sealed class MimePart : MimeEntity
{
    public MimePart(string mediaType, string mediaSubtype)
        : base(new ContentType(mediaType, mediaSubtype))
    {
    }

    internal MimePart(HeaderList headers, byte[] rawContent, ParserCompliance compliance)
        : base(headers, compliance)
    {
        RawContent = rawContent;
    }

    /// <summary>The body octets exactly as in the message, still transfer-encoded.</summary>
    public byte[] RawContent { get; set; } = [];

    /// <summary>Content-Transfer-Encoding (RFC 2045 §6); <see cref="ContentEncoding.Default"/> when absent.</summary>
    public ContentEncoding ContentTransferEncoding => TransferEncodings.ParseName(Headers["Content-Transfer-Encoding"]);

    /// <summary>RFC 2183 §2.3 filename, else the Content-Type "name" parameter.</summary>
    public string? FileName => ContentDisposition?.FileName ?? ContentType.Name;

    /// <summary>True for Content-Disposition: attachment, or a named part without a disposition.</summary>
    public bool IsAttachment => ContentDisposition is { } d ? d.IsAttachment : FileName != null;

    /// <summary>The decoded octets (RFC 2045 §6.7, §6.8).</summary>
    public byte[] GetContent() => ContentTransferEncoding switch
    {
        ContentEncoding.Base64 => TransferEncodings.DecodeBase64(RawContent, ParserCompliance.Loose),
        ContentEncoding.QuotedPrintable => TransferEncodings.DecodeQuotedPrintable(RawContent, ParserCompliance.Loose),
        _ => RawContent,
    };

    /// <summary>The decoded content as text in its charset (RFC 2046 §4.1.2); unknown charsets read as UTF-8, else Latin-1.</summary>
    public string GetText() => Charsets.Decode(GetContent(), ContentType.Charset);

    /// <summary>Stores <paramref name="data"/> in the given transfer encoding and sets Content-Transfer-Encoding.</summary>
    public void SetContent(byte[] data, ContentEncoding encoding)
    {
        RawContent = encoding switch
        {
            ContentEncoding.Base64 => TransferEncodings.EncodeBase64(data),
            ContentEncoding.QuotedPrintable => TransferEncodings.EncodeQuotedPrintable(data),
            _ => data,
        };
        SetOrRemove("Content-Transfer-Encoding", TransferEncodings.Name(encoding));
    }

    /// <summary>Stores text as UTF-8 with CRLF line breaks: 7bit when it is short-lined ASCII, else quoted-printable.</summary>
    public void SetText(string text)
    {
        var normalized = text.ReplaceLineEndings("\r\n");
        var bytes = Encoding.UTF8.GetBytes(normalized);
        var plain = Charsets.IsAscii(normalized) && normalized.Split("\r\n").All(l => l.Length <= 76 && !l.StartsWith("From ", StringComparison.Ordinal));
        var ct = ContentType;
        ct.Parameters.Set("charset", plain ? "us-ascii" : "utf-8");
        ContentType = ct;
        SetContent(bytes, plain ? ContentEncoding.SevenBit : ContentEncoding.QuotedPrintable);
    }
}
