using System.Text;
using Coffer.Formats.ContentLines;
using Coffer.Formats.VCard;

namespace Coffer.Formats.Messages;

/// <summary>
/// Writes vMessage 1.1 (IrMC 1.1 §3.3.3.4): VMSG properties, the originator vCard, one VENV holding the
/// recipient vCards and the VBODY. vCards are written as vCard 2.1, the version IrMC devices read.
/// </summary>
public static class VMessageWriter
{
    public static string Write(VMessage message, VMessageBodyEncoding bodyEncoding = VMessageBodyEncoding.Auto)
    {
        var sb = new StringBuilder();
        Line(sb, "BEGIN:VMSG");
        Line(sb, "VERSION:1.1");
        Line(sb, "X-IRMC-STATUS:" + (message.Status ?? "UNREAD"));
        Line(sb, "X-IRMC-BOX:" + (message.Box ?? "INBOX"));
        if (!string.IsNullOrEmpty(message.Type))
        {
            Line(sb, "X-IRMC-TYPE:" + message.Type);
        }

        foreach (var p in message.OtherProperties)
        {
            ContentLineWriter.Write(sb, p);
        }

        // IrMC requires an originator vCard even when the sender is unknown: an empty one stands in.
        VCardWriter.Write(sb, message.Originator ?? EmptyCard(), VCardVersion.V2_1);
        Line(sb, "BEGIN:VENV");
        foreach (var r in message.Recipients)
        {
            VCardWriter.Write(sb, r, VCardVersion.V2_1);
        }

        Line(sb, "BEGIN:VBODY");
        WriteBody(sb, message.Body, bodyEncoding);
        Line(sb, "END:VBODY");
        Line(sb, "END:VENV");
        Line(sb, "END:VMSG");
        return sb.ToString();
    }

    private static void WriteBody(StringBuilder sb, VMessageBody body, VMessageBodyEncoding encoding)
    {
        if (body.DateText != null)
        {
            Line(sb, "Date:" + body.DateText);
        }

        if (body.Subject != null)
        {
            Line(sb, "Subject:" + Mail.EncodedWords.Encode(body.Subject.ReplaceLineEndings(" ")));
        }

        foreach (var (name, value) in body.OtherHeaders)
        {
            Line(sb, name + ":" + value);
        }

        var lines = body.Text.ReplaceLineEndings("\n").Split('\n');
        var risky = lines.Any(l => l.TrimStart().StartsWith("END:", StringComparison.OrdinalIgnoreCase)
            || l.TrimStart().StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase)
            || l.Any(c => char.IsControl(c) && c != '\t'))
            || (lines.Length > 0 && LooksLikeHeader(lines[0]));
        var qp = encoding == VMessageBodyEncoding.QuotedPrintable || (encoding == VMessageBodyEncoding.Auto && risky);
        if (!qp)
        {
            foreach (var l in lines)
            {
                Line(sb, l);
            }

            return;
        }

        // RFC 2045 §6.7: the encoder escapes line-leading text so no line can end the VBODY early.
        Line(sb, "Content-Type: text/plain; charset=UTF-8");
        Line(sb, "Content-Transfer-Encoding: quoted-printable");
        Line(sb, string.Empty);
        var encoded = Encoding.ASCII.GetString(EncodeQp(Encoding.UTF8.GetBytes(string.Join("\r\n", lines))));
        foreach (var l in encoded.Split("\r\n"))
        {
            Line(sb, l);
        }
    }

    private static bool LooksLikeHeader(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && line[..colon].Trim() is "Date" or "Subject" or "From" or "To" or "Cc" or "Content-Type" or "Content-Transfer-Encoding";
    }

    /// <summary>Quoted-printable with hard CRLF line breaks kept, and the first octet of each line escaped when it is a letter, so "END:" never appears at a line start.</summary>
    private static byte[] EncodeQp(byte[] data)
    {
        var sb = new StringBuilder();
        var lineLength = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == '\r' && i + 1 < data.Length && data[i + 1] == '\n')
            {
                sb.Append("\r\n");
                lineLength = 0;
                i++;
                continue;
            }

            var atEnd = i + 1 == data.Length || data[i + 1] == '\r';
            var literal = (b >= 33 && b <= 126 && b != '=' && !(lineLength == 0 && char.IsAsciiLetter((char)b))) || ((b == ' ' || b == '\t') && !atEnd);
            var piece = literal ? ((char)b).ToString() : "=" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
            if (lineLength + piece.Length > 75)
            {
                sb.Append("=\r\n");
                lineLength = 0;
                if (literal && char.IsAsciiLetter((char)b))
                {
                    piece = "=" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            sb.Append(piece);
            lineLength += piece.Length;
        }

        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private static VCard.VCard EmptyCard()
    {
        var card = new VCard.VCard { Version = VCardVersion.V2_1 };
        card.Properties.Add(new VCardProperty("N", string.Empty));
        return card;
    }

    private static void Line(StringBuilder sb, string line) => sb.Append(line).Append("\r\n");
}
