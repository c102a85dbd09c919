using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>The parser behind <see cref="MailParser"/>: works on one CRLF-normalized buffer by offsets.</summary>
internal sealed class MimeReader
{
    private const int MaxDepth = 32;

    /// <summary>RFC 5322 §3.6 table: fields that may occur at most once.</summary>
    private static readonly string[] SingleFields = ["Date", "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Message-ID", "In-Reply-To", "References", "Subject"];

    private static readonly string[] AddressFields = ["From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Resent-From", "Resent-Sender", "Resent-To", "Resent-Cc", "Resent-Bcc"];

    private readonly byte[] original;
    private readonly byte[] data;
    private readonly ParserCompliance compliance;

    public MimeReader(byte[] input, ParserCompliance compliance)
    {
        original = input;
        this.compliance = compliance;
        data = NormalizeLineEnds(input, compliance);
    }

    private bool Strict => compliance == ParserCompliance.Strict;

    public MailMessage ReadMessage()
    {
        var message = ReadMessage(0, data.Length, 0);
        message.RawBytes = original;
        return message;
    }

    /// <summary>RFC 5322 §2.3: CR and LF only occur together. Loose turns bare LF or CR into CRLF.</summary>
    private static byte[] NormalizeLineEnds(byte[] input, ParserCompliance compliance)
    {
        var bare = -1;
        for (var i = 0; i < input.Length; i++)
        {
            if ((input[i] == '\n' && (i == 0 || input[i - 1] != '\r')) || (input[i] == '\r' && (i + 1 == input.Length || input[i + 1] != '\n')))
            {
                bare = i;
                break;
            }
        }

        if (bare < 0)
        {
            return input;
        }

        if (compliance == ParserCompliance.Strict)
        {
            throw new PimFormatException("Bare CR or LF; lines must end in CRLF (RFC 5322 §2.3).") { Line = LineAt(input, bare) };
        }

        var output = new List<byte>(input.Length + 64);
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            if (b == '\r')
            {
                output.Add((byte)'\r');
                output.Add((byte)'\n');
                if (i + 1 < input.Length && input[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (b == '\n')
            {
                output.Add((byte)'\r');
                output.Add((byte)'\n');
            }
            else
            {
                output.Add(b);
            }
        }

        return output.ToArray();
    }

    private static int LineAt(byte[] buffer, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < buffer.Length; i++)
        {
            if (buffer[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private MailMessage ReadMessage(int start, int end, int depth)
    {
        var headers = ReadHeaders(start, end, out var bodyStart, isMessage: true);
        if (Strict)
        {
            ValidateMessageHeaders(headers, start);
        }

        var body = ReadBody(headers, bodyStart, end, ContentType.Default, depth);
        return new MailMessage(headers, body, null);
    }

    private HeaderList ReadHeaders(int start, int end, out int bodyStart, bool isMessage)
    {
        var headers = new HeaderList();
        var pos = start;
        string? field = null;
        string? rawField = null;
        var raw = new List<byte>();
        bodyStart = end;
        var first = true;
        while (pos < end)
        {
            var lineEnd = IndexOfCrlf(pos, end);
            var next = lineEnd < 0 ? end : lineEnd + 2;
            lineEnd = lineEnd < 0 ? end : lineEnd;
            var line = data.AsSpan(pos, lineEnd - pos);
            if (Strict && line.Length > 998)
            {
                Fail(pos, "Header line longer than 998 characters (RFC 5322 §2.1.1).");
            }

            if (line.Length == 0)
            {
                bodyStart = next;
                Flush();
                return headers;
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (field != null)
                {
                    // RFC 5322 §2.2.3 folding: keep the line break so the raw value re-serializes as received.
                    raw.Add((byte)'\r');
                    raw.Add((byte)'\n');
                    raw.AddRange(line);
                    pos = next;
                    continue;
                }

                Fail(pos, "Header block starts with a continuation line (RFC 5322 §2.2.3).");
                bodyStart = pos;
                return headers;
            }

            var colon = line.IndexOf((byte)':');
            var name = colon > 0 ? line[..colon].TrimEnd(" \t"u8) : default;
            if (colon <= 0 || !IsFieldName(name))
            {
                // An mbox "From " separator line before the first header (RFC 4155) is not part of the message.
                if (first && !Strict && line.StartsWith("From "u8))
                {
                    pos = next;
                    first = false;
                    continue;
                }

                Fail(pos, "Invalid header line (RFC 5322 §2.2, §3.6.8).");

                // Loose: the malformed line and everything after it become the body, so nothing is dropped.
                Flush();
                bodyStart = pos;
                return headers;
            }

            Flush();
            first = false;
            field = Encoding.ASCII.GetString(name);
            rawField = colon == name.Length ? null : Encoding.ASCII.GetString(line[..colon]);
            raw.AddRange(line[(colon + 1)..]);
            pos = next;
        }

        Flush();
        return headers;

        void Flush()
        {
            if (field != null)
            {
                headers.Add(new Header(field, raw.ToArray(), compliance) { RawField = rawField });
                field = null;
                raw.Clear();
            }
        }
    }

    private static bool IsFieldName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        // RFC 5322 §3.6.8: ftext is printable US-ASCII except ':'.
        foreach (var b in name)
        {
            if (b < 33 || b > 126)
            {
                return false;
            }
        }

        return true;
    }

    private void ValidateMessageHeaders(HeaderList headers, int offset)
    {
        foreach (var field in SingleFields)
        {
            if (headers.FindAll(field).Count() > 1)
            {
                Fail(offset, $"{field} occurs more than once (RFC 5322 §3.6).");
            }
        }

        if (!headers.Contains("Date") || !headers.Contains("From"))
        {
            Fail(offset, "Date and From are required (RFC 5322 §3.6).");
        }

        foreach (var h in headers)
        {
            if (!Utf8IsValid(h.RawValue))
            {
                Fail(offset, $"{h.Field} is neither ASCII nor UTF-8 (RFC 5322 §2.2, RFC 6532 §3.2).");
            }
        }

        foreach (var field in AddressFields)
        {
            foreach (var h in headers.FindAll(field))
            {
                var list = AddressParser.ParseList(h.UnfoldedRaw, ParserCompliance.Strict, field);
                if (list.Count == 0 && field is "From" or "Sender")
                {
                    Fail(offset, $"{field} needs a mailbox (RFC 5322 §3.6.2).");
                }
            }
        }

        foreach (var h in headers.FindAll("Date"))
        {
            if (!MailDate.TryParse(h.UnfoldedRaw, ParserCompliance.Strict, out _))
            {
                Fail(offset, $"Invalid Date \"{h.UnfoldedRaw}\" (RFC 5322 §3.3).");
            }
        }

        foreach (var field in new[] { "Message-ID", "In-Reply-To", "References" })
        {
            foreach (var h in headers.FindAll(field))
            {
                if (!MessageIds.IsStrictList(h.UnfoldedRaw, single: field == "Message-ID"))
                {
                    Fail(offset, $"Invalid {field} \"{h.UnfoldedRaw}\" (RFC 5322 §3.6.4).");
                }
            }
        }
    }

    private static bool Utf8IsValid(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private MimeEntity ReadEntity(int start, int end, ContentType defaultType, int depth)
    {
        var headers = ReadHeaders(start, end, out var bodyStart, isMessage: false);
        return ReadBody(headers, bodyStart, end, defaultType, depth);
    }

    private MimeEntity ReadBody(HeaderList headers, int start, int end, ContentType defaultType, int depth)
    {
        var ct = defaultType;
        if (headers.Find("Content-Type") is { } cth)
        {
            ct = Wrap(start, () => ContentType.Parse(cth.UnfoldedRaw, compliance)) ?? ContentType.Default;
        }

        if (Strict)
        {
            if (headers.Find("Content-Disposition") is { } cdh)
            {
                Wrap(start, () => ContentDisposition.Parse(cdh.UnfoldedRaw, compliance));
            }

            foreach (var field in new[] { "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Content-ID" })
            {
                if (headers.FindAll(field).Count() > 1)
                {
                    Fail(start, $"{field} occurs more than once (RFC 2045 §3).");
                }
            }
        }

        var cte = TransferEncodings.ParseName(headers["Content-Transfer-Encoding"]);
        if (depth >= MaxDepth)
        {
            Fail(start, $"MIME nesting deeper than {MaxDepth} levels.");
            return Leaf(headers, start, end, cte, defaultType);
        }

        if (ct.MediaType == "multipart")
        {
            var boundary = ct.Boundary;
            if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
            {
                // RFC 2046 §5.1.1: the boundary parameter is required, 1 to 70 characters.
                Fail(start, "Multipart without a valid boundary parameter (RFC 2046 §5.1.1).");
                return Leaf(headers, start, end, cte, defaultType);
            }

            if (cte is ContentEncoding.Base64 or ContentEncoding.QuotedPrintable)
            {
                Fail(start, "A multipart entity must be 7bit, 8bit or binary (RFC 2045 §6.4).");
            }

            return ReadMultipart(headers, ct, boundary, start, end, depth, defaultType);
        }

        if (ct.Is("message", "rfc822") || ct.Is("message", "global"))
        {
            if (cte is ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Binary)
            {
                var inner = ReadMessage(start, end, depth + 1);
                return new MessagePart(headers, inner, compliance) { DefaultContentType = defaultType };
            }

            // RFC 2046 §5.2.1: no encoding other than 7bit, 8bit or binary is permitted.
            Fail(start, "message/rfc822 with a transfer encoding other than 7bit/8bit/binary (RFC 2046 §5.2.1).");
        }

        return Leaf(headers, start, end, cte, defaultType);
    }

    private MimePart Leaf(HeaderList headers, int start, int end, ContentEncoding cte, ContentType defaultType)
    {
        var content = data.AsSpan(start, end - start).ToArray();
        if (Strict)
        {
            ValidateContent(content, cte, start);
        }

        return new MimePart(headers, content, compliance) { DefaultContentType = defaultType };
    }

    private void ValidateContent(byte[] content, ContentEncoding cte, int offset)
    {
        switch (cte)
        {
            case ContentEncoding.Base64:
                Wrap(offset, () => TransferEncodings.DecodeBase64(content, ParserCompliance.Strict));
                break;
            case ContentEncoding.QuotedPrintable:
                Wrap(offset, () => TransferEncodings.DecodeQuotedPrintable(content, ParserCompliance.Strict));
                break;
            case ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit:
                var lineLength = 0;
                for (var i = 0; i < content.Length; i++)
                {
                    var b = content[i];

                    // RFC 2045 §2.7/§2.8: no NUL, 7bit has no octets over 127, lines at most 998 octets.
                    if (b == 0 || (b > 127 && cte != ContentEncoding.EightBit))
                    {
                        Fail(offset + i, $"Octet 0x{b:X2} not allowed in {TransferEncodings.Name(cte) ?? "7bit"} data (RFC 2045 §2.7, §2.8).");
                    }

                    lineLength = b == '\n' ? 0 : lineLength + 1;
                    if (lineLength > 999)
                    {
                        Fail(offset + i, "Line longer than 998 octets (RFC 2045 §2.7).");
                    }
                }

                break;
        }
    }

    /// <summary>RFC 2046 §5.1.1: split at delimiter lines "--boundary" (the CRLF before belongs to the delimiter).</summary>
    private Multipart ReadMultipart(HeaderList headers, ContentType ct, string boundary, int start, int end, int depth, ContentType defaultType)
    {
        var multipart = new Multipart(headers, compliance) { DefaultContentType = defaultType };
        var childDefault = ct.Is("multipart", "digest") ? new ContentType("message", "rfc822") : ContentType.Default;
        var marker = Encoding.ASCII.GetBytes("--" + boundary);
        var delimiters = new List<(int LineStart, int Next, bool Close, bool HasCrlf)>();
        var pos = start;
        while (pos < end)
        {
            var lineEnd = IndexOfCrlf(pos, end);
            var next = lineEnd < 0 ? end : lineEnd + 2;
            var line = data.AsSpan(pos, (lineEnd < 0 ? end : lineEnd) - pos);
            if (line.StartsWith(marker))
            {
                var rest = line[marker.Length..];
                var trimmed = rest.TrimEnd(" \t"u8);
                if (trimmed.IsEmpty)
                {
                    delimiters.Add((pos, next, false, lineEnd >= 0));
                }
                else if (trimmed.SequenceEqual("--"u8) || (!Strict && trimmed.StartsWith("--"u8)))
                {
                    delimiters.Add((pos, next, true, lineEnd >= 0));
                    break;
                }
            }

            pos = next;
        }

        if (delimiters.Count == 0)
        {
            Fail(start, "Multipart body has no boundary delimiter (RFC 2046 §5.1.1).");
            multipart.Preamble = data.AsSpan(start, end - start).ToArray();
            return multipart;
        }

        var first = delimiters[0].LineStart;
        multipart.Preamble = first > start ? data.AsSpan(start, Math.Max(0, first - 2 - start)).ToArray() : null;
        for (var i = 0; i < delimiters.Count; i++)
        {
            var d = delimiters[i];
            if (d.Close)
            {
                multipart.Epilogue = d.HasCrlf ? data.AsSpan(d.Next, end - d.Next).ToArray() : null;
                break;
            }

            int partEnd;
            if (i + 1 < delimiters.Count)
            {
                partEnd = Math.Max(d.Next, delimiters[i + 1].LineStart - 2);
            }
            else
            {
                Fail(d.LineStart, "Multipart has no close delimiter \"--" + boundary + "--\" (RFC 2046 §5.1.1).");
                partEnd = end;
            }

            multipart.Parts.Add(ReadEntity(d.Next, partEnd, childDefault, depth + 1));
        }

        return multipart;
    }

    private int IndexOfCrlf(int pos, int end)
    {
        var i = data.AsSpan(pos, end - pos).IndexOf("\r\n"u8);
        return i < 0 ? -1 : pos + i;
    }

    private T? Wrap<T>(int offset, Func<T?> action)
    {
        try
        {
            return action();
        }
        catch (PimFormatException e) when (e.Line == null)
        {
            throw new PimFormatException(e.Message, e) { Line = LineAt(data, offset) };
        }
    }

    private void Fail(int offset, string message)
    {
        if (Strict)
        {
            throw new PimFormatException(message) { Line = LineAt(data, offset) };
        }
    }
}
