using System.Security.Cryptography;
using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>
/// Composes a simple message: text (and optional HTML alternative) plus attachments. Boundaries are derived
/// from a hash of the content (no clock, no randomness) and start with "=_", which neither base64 nor
/// quoted-printable output can contain (RFC 2046 §5.1.1: a boundary must not occur in the parts).
/// </summary>
public sealed class MailBuilder
{
    private readonly InternetAddressList from = [];
    private readonly InternetAddressList to = [];
    private readonly InternetAddressList cc = [];
    private readonly InternetAddressList bcc = [];
    private readonly List<(string FileName, string MimeType, byte[] Data)> attachments = [];
    private string? subject;
    private DateTimeOffset? date;
    private string? messageId;
    private string text = string.Empty;
    private string? html;

    public MailBuilder From(string? name, string address) => Add(from, name, address);

    public MailBuilder To(string? name, string address) => Add(to, name, address);

    public MailBuilder Cc(string? name, string address) => Add(cc, name, address);

    public MailBuilder Bcc(string? name, string address) => Add(bcc, name, address);

    public MailBuilder Subject(string value)
    {
        subject = value;
        return this;
    }

    /// <summary>The caller supplies the date: Coffer.Formats has no clock.</summary>
    public MailBuilder Date(DateTimeOffset value)
    {
        date = value;
        return this;
    }

    public MailBuilder MessageId(string value)
    {
        messageId = value.Trim('<', '>');
        return this;
    }

    public MailBuilder Text(string value)
    {
        text = value;
        return this;
    }

    /// <summary>Adds an HTML version; the text and HTML become a multipart/alternative (RFC 2046 §5.1.4).</summary>
    public MailBuilder Html(string value)
    {
        html = value;
        return this;
    }

    public MailBuilder Attach(string fileName, string mimeType, byte[] data)
    {
        attachments.Add((fileName, mimeType, data));
        return this;
    }

    /// <summary>Builds the message and re-parses its octets, so the result is exactly what a reader of the bytes sees.</summary>
    public MailMessage Build()
    {
        var message = new MailMessage();
        if (date != null)
        {
            message.Date = date;
        }

        message.From = from;
        message.To = to;
        message.Cc = cc;
        message.Bcc = bcc;
        if (subject != null)
        {
            message.Subject = subject;
        }

        if (messageId != null)
        {
            message.MessageId = messageId;
        }

        // RFC 2045 §4: MIME-Version is required in a MIME message's header.
        message.Headers.Add("MIME-Version", "1.0");

        var textPart = new MimePart("text", "plain");
        textPart.SetText(text);
        MimeEntity body = textPart;
        if (html != null)
        {
            var htmlPart = new MimePart("text", "html");
            htmlPart.SetText(html);
            var alternative = new Multipart("alternative", Boundary("alt", text, html));
            alternative.Parts.Add(textPart);
            alternative.Parts.Add(htmlPart);
            body = alternative;
        }

        if (attachments.Count > 0)
        {
            var mixed = new Multipart("mixed", Boundary("mix", [text, html ?? string.Empty, .. attachments.Select(a => a.FileName + "\0" + Convert.ToHexString(SHA256.HashData(a.Data)))]));
            mixed.Parts.Add(body);
            foreach (var (fileName, mimeType, data) in attachments)
            {
                var slash = mimeType.IndexOf('/', StringComparison.Ordinal);
                var part = slash > 0 ? new MimePart(mimeType[..slash], mimeType[(slash + 1)..]) : new MimePart("application", "octet-stream");
                var ct = part.ContentType;
                ct.Parameters.Set("name", fileName);
                part.ContentType = ct;
                var disposition = new ContentDisposition("attachment");
                disposition.Parameters.Set("filename", fileName);
                part.ContentDisposition = disposition;
                part.SetContent(data, ContentEncoding.Base64);
                mixed.Parts.Add(part);
            }

            body = mixed;
        }

        message.Body = body;
        return MailParser.Parse(MailWriter.Write(message));
    }

    private static string Boundary(string kind, params string[] content)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\0", content)));
        return "=_" + kind + "_" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    private MailBuilder Add(InternetAddressList list, string? name, string address)
    {
        list.Add(new MailboxAddress(name, address));
        return this;
    }
}
