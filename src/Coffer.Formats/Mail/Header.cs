using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>
/// One header field (RFC 5322 §2.2): its name, the raw octets after the colon exactly as read (folding kept,
/// so re-writing loses nothing), and the value unfolded and, for unstructured fields, RFC 2047-decoded.
/// </summary>
public sealed class Header
{
    private static readonly HashSet<string> Structured = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Resent-From", "Resent-Sender", "Resent-To", "Resent-Cc",
        "Resent-Bcc", "Date", "Resent-Date", "Message-ID", "Resent-Message-ID", "In-Reply-To", "References", "Received",
        "Return-Path", "MIME-Version", "Content-Type", "Content-Disposition", "Content-Transfer-Encoding", "Content-ID",
    };

    /// <summary>A header as parsed: <paramref name="rawValue"/> is everything after the colon, without the final CRLF.</summary>
    public Header(string field, byte[] rawValue, ParserCompliance compliance = ParserCompliance.Loose)
    {
        Field = field;
        RawValue = rawValue;
        Value = DecodeValue(field, rawValue, compliance);
    }

    /// <summary>A new header: the value is encoded (RFC 2047 for unstructured text) and folded at 78 columns (RFC 5322 §2.1.1).</summary>
    public Header(string field, string value)
    {
        Field = field;
        var encoded = Structured.Contains(field) ? value : EncodedWords.Encode(value);
        RawValue = Encoding.UTF8.GetBytes(Fold(field.Length + 1, " " + encoded));
        Value = value;
    }

    /// <summary>The field name as written (case preserved; compare case-insensitively, RFC 5322 §1.2.2).</summary>
    public string Field { get; }

    /// <summary>The octets after the colon exactly as received, including folding line breaks.</summary>
    public byte[] RawValue { get; }

    /// <summary>The unfolded value (RFC 5322 §2.2.3) without leading whitespace; encoded-words decoded in unstructured fields.</summary>
    public string Value { get; }

    /// <summary>The name octets before the colon as read, when they carry obs-optional whitespace (RFC 5322 §4.5).</summary>
    internal string? RawField { get; init; }

    /// <summary>The unfolded text before RFC 2047 decoding (what structured-field parsers read).</summary>
    public string UnfoldedRaw => Unfold(Charsets.DecodeUtf8OrLatin1(RawValue));

    public override string ToString() => Field + ": " + Value;

    internal static string Unfold(string raw)
    {
        // RFC 5322 §2.2.3: unfolding removes every CRLF that is followed by WSP.
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (c is not ('\r' or '\n'))
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Trim(' ', '\t');
    }

    private static string DecodeValue(string field, byte[] raw, ParserCompliance compliance)
    {
        var text = Unfold(Charsets.DecodeUtf8OrLatin1(raw));
        return Structured.Contains(field) ? text : EncodedWords.Decode(text, compliance);
    }

    /// <summary>Folds at whitespace so lines stay within 78 characters where possible (RFC 5322 §2.1.1, §2.2.3).</summary>
    private static string Fold(int used, string value)
    {
        if (used + value.Length <= 78)
        {
            return value;
        }

        var sb = new StringBuilder();
        var lineLength = used;
        var words = value.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            if (i == 0)
            {
                sb.Append(w);
                lineLength += w.Length;
                continue;
            }

            if (lineLength + 1 + w.Length > 78 && lineLength > 1)
            {
                sb.Append("\r\n ").Append(w);
                lineLength = 1 + w.Length;
            }
            else
            {
                sb.Append(' ').Append(w);
                lineLength += 1 + w.Length;
            }
        }

        return sb.ToString();
    }
}
