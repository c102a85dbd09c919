using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>RFC 2047 encoded-words ("=?charset?B|Q?text?=") in unstructured text and phrases.</summary>
public static class EncodedWords
{
    /// <summary>
    /// Decodes every encoded-word in <paramref name="text"/>. Whitespace between adjacent encoded-words is
    /// dropped (RFC 2047 §6.2) and adjacent words in one charset are decoded together, so a multi-byte
    /// character split across two words (common with ISO-2022-JP and UTF-8) survives. Loose also decodes
    /// words glued to surrounding text, which RFC 2047 §5 forbids but many mailers produce.
    /// Words in unknown charsets or with broken payloads stay as written.
    /// </summary>
    public static string Decode(string text, ParserCompliance compliance = ParserCompliance.Loose)
    {
        if (!text.Contains("=?", StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var pendingCharset = (string?)null;
        var pendingBytes = new List<byte>();
        var pendingWhitespace = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("=?", i, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var word = TryReadWord(text, start, out var end);
            var delimitedBefore = start == 0 || char.IsWhiteSpace(text[start - 1]) || text[start - 1] is '(' or '"';
            var delimitedAfter = end >= text.Length || char.IsWhiteSpace(text[end]) || text[end] is ')' or '"';
            if (word == null || (compliance == ParserCompliance.Strict && !(delimitedBefore && delimitedAfter)))
            {
                Flush(sb, ref pendingCharset, pendingBytes, pendingWhitespace);
                sb.Append(text, i, start + 2 - i);
                i = start + 2;
                continue;
            }

            var between = text.AsSpan(i, start - i);
            if (pendingCharset != null && between.IsWhiteSpace())
            {
                // RFC 2047 §6.2: linear whitespace between adjacent encoded-words is ignored.
                pendingWhitespace.Clear().Append(between);
                if (!string.Equals(pendingCharset, word.Value.Charset, StringComparison.OrdinalIgnoreCase))
                {
                    Flush(sb, ref pendingCharset, pendingBytes, pendingWhitespace.Clear());
                }
            }
            else
            {
                Flush(sb, ref pendingCharset, pendingBytes, pendingWhitespace.Clear());
                sb.Append(between);
            }

            pendingCharset = word.Value.Charset;
            pendingBytes.AddRange(word.Value.Bytes);
            i = end;
        }

        Flush(sb, ref pendingCharset, pendingBytes, pendingWhitespace.Clear());
        sb.Append(text, i, text.Length - i);
        return sb.ToString();
    }

    /// <summary>Encodes <paramref name="text"/> as UTF-8 B encoded-words of at most 75 characters each (RFC 2047 §2), or returns it unchanged when it is ASCII.</summary>
    public static string Encode(string text)
    {
        if (Charsets.IsAscii(text) && !text.Contains("=?", StringComparison.Ordinal))
        {
            return text;
        }

        // "=?utf-8?B?" + "?=" is 12 chars; 63 base64 chars carry 45 bytes at most (RFC 2047 §2: 75 max).
        const int maxBytes = 45;
        var words = new List<string>();
        var chunk = new StringBuilder();
        var chunkBytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var n = rune.Utf8SequenceLength;
            if (chunkBytes + n > maxBytes)
            {
                words.Add(Word(chunk.ToString()));
                chunk.Clear();
                chunkBytes = 0;
            }

            chunk.Append(rune.ToString());
            chunkBytes += n;
        }

        if (chunk.Length > 0)
        {
            words.Add(Word(chunk.ToString()));
        }

        return string.Join(' ', words);

        static string Word(string s) => "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(s)) + "?=";
    }

    private static void Flush(StringBuilder sb, ref string? charset, List<byte> bytes, StringBuilder whitespace)
    {
        if (charset != null)
        {
            sb.Append(Charsets.Find(charset)!.GetString(bytes.ToArray()));
            bytes.Clear();
            charset = null;
        }

        sb.Append(whitespace);
        whitespace.Clear();
    }

    private static (string Charset, byte[] Bytes)? TryReadWord(string text, int start, out int end)
    {
        end = start + 2;
        var q1 = text.IndexOf('?', start + 2);
        if (q1 < 0 || q1 + 2 >= text.Length || text[q1 + 2] != '?')
        {
            return null;
        }

        var close = text.IndexOf("?=", q1 + 3, StringComparison.Ordinal);
        if (close < 0)
        {
            return null;
        }

        var charset = text[(start + 2)..q1];
        var star = charset.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0)
        {
            // RFC 2231 §5: "charset*language".
            charset = charset[..star];
        }

        var payload = text.AsSpan(q1 + 3, close - q1 - 3);
        if (charset.Length == 0 || charset.AsSpan().ContainsAny(" \t\r\n") || payload.ContainsAny(" \t\r\n") || Charsets.Find(charset) == null)
        {
            return null;
        }

        byte[]? bytes = char.ToUpperInvariant(text[q1 + 1]) switch
        {
            'B' => DecodeB(payload),
            'Q' => DecodeQ(payload),
            _ => null,
        };
        if (bytes == null)
        {
            return null;
        }

        end = close + 2;
        return (charset, bytes);
    }

    private static byte[]? DecodeB(ReadOnlySpan<char> payload)
    {
        foreach (var c in payload)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return null;
            }
        }

        var ascii = Encoding.ASCII.GetBytes(payload.ToString());
        return TransferEncodings.DecodeBase64(ascii, ParserCompliance.Loose);
    }

    /// <summary>RFC 2047 §4.2: "_" is a space, "=XX" an octet.</summary>
    private static byte[]? DecodeQ(ReadOnlySpan<char> payload)
    {
        var bytes = new List<byte>(payload.Length);
        for (var i = 0; i < payload.Length; i++)
        {
            var c = payload[i];
            if (c > 0x7f)
            {
                return null;
            }

            if (c == '_')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '=' && i + 2 < payload.Length && Hex(payload[i + 1]) >= 0 && Hex(payload[i + 2]) >= 0)
            {
                bytes.Add((byte)((Hex(payload[i + 1]) << 4) | Hex(payload[i + 2])));
                i += 2;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        return bytes.ToArray();

        static int Hex(char c) => c < 128 ? TransferEncodings.HexValue((byte)c) : -1;
    }
}
