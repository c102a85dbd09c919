using System.Text;
using Coffer.Formats.ContentLines;
using Coffer.Formats.Mail;
using Coffer.Formats.VCard;

namespace Coffer.Formats.Messages;

/// <summary>
/// Reads text/x-vMessage (IrMC 1.1 §3.3.3.4). The VMSG/VENV/VBODY structure is line based: VMSG property
/// lines go through the content-line core, each BEGIN:VCARD..END:VCARD block through <see cref="VCardParser"/>,
/// and VBODY lines are free text (they are not content lines, so they cannot go through a content-line reader).
/// </summary>
public static class VMessageParser
{
    private static readonly HashSet<string> BodyHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Subject", "From", "To", "Cc", "Content-Type", "Content-Transfer-Encoding",
    };

    /// <summary>8-bit input is UTF-8; Loose falls back to Windows-1252 for anything else, Strict raises.</summary>
    public static IReadOnlyList<VMessage> Parse(ReadOnlySpan<byte> bytes, ParserCompliance compliance = ParserCompliance.Loose) =>
        Parse(ContentLineCharsets.Decode(bytes, null, compliance), compliance);

    public static IReadOnlyList<VMessage> Parse(string text, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var strict = compliance == ParserCompliance.Strict;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var messages = new List<VMessage>();
        var stack = new Stack<string>();
        VMessage? current = null;
        List<string>? capture = null;
        var captureKind = string.Empty;
        var captureStart = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var lineNumber = i + 1;
            var trimmed = line.Trim();
            if (capture != null)
            {
                if (trimmed.Equals("END:" + captureKind, StringComparison.OrdinalIgnoreCase))
                {
                    if (captureKind == "VCARD")
                    {
                        capture.Add(line);
                    }

                    Finish(current!, Top(stack), captureKind, capture, captureStart, compliance);
                    capture = null;
                }
                else
                {
                    capture.Add(line);
                }

                continue;
            }

            if (trimmed.Length == 0)
            {
                continue;
            }

            // VMSG-level lines may be folded (vCard 2.1 §2.1.3 style): join indented continuations.
            while (i + 1 < lines.Length && lines[i + 1].Length > 0 && lines[i + 1][0] is ' ' or '\t' && !line.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase))
            {
                line += lines[++i][1..];
            }

            trimmed = line.Trim();
            if (trimmed.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase))
            {
                var name = trimmed[6..].Trim().ToUpperInvariant();
                switch (name)
                {
                    case "VMSG":
                        if (stack.Count > 0)
                        {
                            Fail(strict, "BEGIN:VMSG inside another VMSG", lineNumber);
                            stack.Clear();
                        }

                        current = new VMessage();
                        messages.Add(current);
                        stack.Push(name);
                        break;
                    case "VENV":
                        if (current == null)
                        {
                            Fail(strict, "VENV outside VMSG", lineNumber);
                            continue;
                        }

                        stack.Push(name);
                        break;
                    case "VCARD" or "VBODY":
                        if (current == null || (name == "VBODY" && Top(stack) != "VENV" && strict))
                        {
                            Fail(strict, name + " outside its envelope (IrMC 1.1 §3.3.3.4)", lineNumber);
                            current ??= NewMessage(messages);
                        }

                        capture = name == "VCARD" ? [line] : [];
                        captureKind = name;
                        captureStart = lineNumber;
                        break;
                    default:
                        Fail(strict, "Unexpected BEGIN:" + name + " in a vMessage", lineNumber);
                        break;
                }

                continue;
            }

            if (trimmed.StartsWith("END:", StringComparison.OrdinalIgnoreCase))
            {
                var name = trimmed[4..].Trim().ToUpperInvariant();
                if (!stack.Contains(name))
                {
                    Fail(strict, "END:" + name + " without BEGIN", lineNumber);
                    continue;
                }

                while (stack.Count > 0)
                {
                    var open = stack.Pop();
                    if (open == name)
                    {
                        break;
                    }

                    Fail(strict, "END:" + name + " closes unfinished " + open, lineNumber);
                }

                if (stack.Count == 0)
                {
                    current = null;
                }

                continue;
            }

            if (current == null)
            {
                Fail(strict, "Line outside BEGIN:VMSG", lineNumber);
                continue;
            }

            var property = ContentLineReader.ParseLine(line, lineNumber, compliance);
            if (property == null)
            {
                continue;
            }

            if (Top(stack) == "VMSG")
            {
                Apply(current, property, strict);
            }
        }

        if (capture != null || stack.Count > 0)
        {
            Fail(strict, "vMessage ends before END:" + (capture != null ? captureKind : Top(stack)), lines.Length);
            if (capture != null && current != null)
            {
                Finish(current, Top(stack), captureKind, capture, captureStart, compliance);
            }
        }

        if (strict)
        {
            foreach (var m in messages)
            {
                if (m.Status == null || m.Box == null)
                {
                    Fail(strict, "X-IRMC-STATUS and X-IRMC-BOX are required (IrMC 1.1 §3.3.3.4)", 1);
                }
            }
        }

        return messages;
    }

    private static string Top(Stack<string> stack) => stack.TryPeek(out var top) ? top : "VMSG";

    private static VMessage NewMessage(List<VMessage> messages)
    {
        var m = new VMessage();
        messages.Add(m);
        return m;
    }

    private static void Apply(VMessage message, ContentLine property, bool strict)
    {
        switch (property.Name)
        {
            case "VERSION":
                if (strict && property.Value.Trim() != "1.1")
                {
                    Fail(strict, "vMessage VERSION must be 1.1", property.LineNumber);
                }

                break;
            case "X-IRMC-STATUS":
                message.Status = property.Value.Trim();
                if (strict && !(message.IsRead || message.Status.Equals("UNREAD", StringComparison.OrdinalIgnoreCase)))
                {
                    Fail(strict, "X-IRMC-STATUS must be READ or UNREAD", property.LineNumber);
                }

                break;
            case "X-IRMC-BOX":
                message.Box = property.Value.Trim();
                break;
            case "X-IRMC-TYPE":
                message.Type = property.Value.Trim();
                break;
            default:
                message.OtherProperties.Add(property);
                break;
        }
    }

    private static void Finish(VMessage message, string container, string kind, List<string> lines, int startLine, ParserCompliance compliance)
    {
        if (kind == "VBODY")
        {
            message.Body = ParseBody(lines, compliance, startLine);
            return;
        }

        IReadOnlyList<VCard.VCard> cards;
        try
        {
            cards = VCardParser.Parse(string.Join("\r\n", lines) + "\r\n", new VCardParserOptions { Compliance = compliance });
        }
        catch (PimFormatException e)
        {
            throw new PimFormatException("Invalid vCard in vMessage: " + e.Message, e) { Line = startLine + (e.Line ?? 1) - 1 };
        }

        foreach (var card in cards)
        {
            if (container == "VMSG" && message.Originator == null)
            {
                message.Originator = card;
            }
            else
            {
                message.Recipients.Add(card);
            }
        }
    }

    private static VMessageBody ParseBody(List<string> lines, ParserCompliance compliance, int startLine)
    {
        var body = new VMessageBody();
        var index = 0;
        string? contentType = null;
        string? transferEncoding = null;
        for (; index < lines.Count; index++)
        {
            var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !BodyHeaders.Contains(lines[index][..colon].Trim()))
            {
                break;
            }

            var name = lines[index][..colon].Trim();
            var value = lines[index][(colon + 1)..].Trim();
            switch (name.ToLowerInvariant())
            {
                case "date":
                    body.DateText = value;
                    break;
                case "subject":
                    body.Subject = EncodedWords.Decode(value, compliance);
                    break;
                case "content-type":
                    contentType = value;
                    break;
                case "content-transfer-encoding":
                    transferEncoding = value.ToLowerInvariant();
                    break;
                default:
                    body.OtherHeaders.Add(new(name, value));
                    break;
            }
        }

        var textLines = lines.Skip(index).ToList();
        if ((contentType != null || transferEncoding != null) && textLines.Count > 0 && textLines[0].Length == 0)
        {
            // A MIME-style header block is closed by an empty line (RFC 5322 §2.1); it is not text.
            textLines.RemoveAt(0);
        }

        var text = string.Join("\n", textLines);
        var charset = contentType == null ? null : ContentType.Parse(contentType, ParserCompliance.Loose)?.Charset;
        if (transferEncoding is "quoted-printable" or "base64")
        {
            var ascii = Encoding.Latin1.GetBytes(string.Join("\r\n", textLines));
            var bytes = transferEncoding == "base64" ? Base64Value.Decode(Encoding.Latin1.GetString(ascii), compliance) : QuotedPrintable.Decode(Encoding.Latin1.GetString(ascii), compliance);
            try
            {
                text = ContentLineCharsets.Decode(bytes, charset, compliance).ReplaceLineEndings("\n");
            }
            catch (PimFormatException e)
            {
                throw new PimFormatException("VBODY text: " + e.Message, e) { Line = startLine };
            }
        }

        body.Text = text;
        return body;
    }

    private static void Fail(bool strict, string message, int line)
    {
        if (strict)
        {
            throw new PimFormatException(message + ".") { Line = line };
        }
    }
}
