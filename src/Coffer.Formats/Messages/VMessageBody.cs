using System.Globalization;
using Coffer.Formats.Mail;

namespace Coffer.Formats.Messages;

/// <summary>
/// The VBODY of a vMessage: leading RFC 822-style header lines (Date:, Subject:, and Content-Type /
/// Content-Transfer-Encoding when the text is quoted-printable or in another charset) and the text.
/// </summary>
public sealed class VMessageBody
{
    private static readonly string[] DateFormats = ["dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy HH:mm", "yyyyMMdd'T'HHmmss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "MM/dd/yyyy HH:mm:ss"];

    /// <summary>The Date: line as written (phones disagree on the format, so it is kept verbatim).</summary>
    public string? DateText { get; set; }

    /// <summary>
    /// <see cref="DateText"/> understood: "dd.MM.yyyy HH:mm:ss" (Nokia, Sony Ericsson), ISO 8601 basic with an
    /// optional "Z", or an RFC 5322 date. Floating times have <see cref="DateTimeKind.Unspecified"/>.
    /// </summary>
    public DateTime? Date
    {
        get
        {
            if (string.IsNullOrWhiteSpace(DateText))
            {
                return null;
            }

            var text = DateText.Trim();
            var utc = text.EndsWith('Z');
            var core = utc ? text[..^1] : text;
            if (DateTime.TryParseExact(core, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return DateTime.SpecifyKind(d, utc ? DateTimeKind.Utc : DateTimeKind.Unspecified);
            }

            return MailDate.TryParse(text, Formats.ParserCompliance.Strict, out var rfc) ? rfc.UtcDateTime : null;
        }

        set => DateText = value == null ? null : value.Value.Kind == DateTimeKind.Utc
            ? value.Value.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
            : value.Value.ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture);
    }

    public string? Subject { get; set; }

    /// <summary>The message text with "\n" line breaks, transfer encoding and charset removed.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Other header lines at the top of the body (From:, To:...), in order.</summary>
    public List<KeyValuePair<string, string>> OtherHeaders { get; } = [];
}
