using System.Text;

namespace Coffer.Formats.ContentLines;

/// <summary>Quoted-printable transfer encoding as vCard 2.1 §2.1.3 / vCalendar 1.0 use it (RFC 2045 §6.7).</summary>
public static class QuotedPrintable
{
    private const string Hex = "0123456789ABCDEF";

    /// <summary>
    /// Decodes "=XX" octets and removes soft line breaks ("=" CRLF, RFC 2045 §6.7 rule 5). Loose keeps a
    /// malformed "=" literally and carries non-ASCII characters as UTF-8; Strict raises.
    /// </summary>
    public static byte[] Decode(string encoded, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '=')
            {
                if (i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
                {
                    bytes.Add((byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2])));
                    i += 2;
                    continue;
                }

                // RFC 2045 §6.7 rule 5: "=" at the end of a line is a soft line break.
                var rest = i + 1;
                while (rest < encoded.Length && encoded[rest] is ' ' or '\t')
                {
                    rest++;
                }

                if (rest + 1 < encoded.Length && encoded[rest] == '\r' && encoded[rest + 1] == '\n')
                {
                    i = rest + 1;
                    continue;
                }

                if (rest < encoded.Length && encoded[rest] is '\n' or '\r')
                {
                    i = rest;
                    continue;
                }

                if (rest == encoded.Length)
                {
                    // A trailing "=" whose continuation line was never sent.
                    if (compliance == ParserCompliance.Strict)
                    {
                        throw new PimFormatException("Quoted-printable value ends with a dangling '='");
                    }

                    break;
                }

                if (compliance == ParserCompliance.Strict)
                {
                    throw new PimFormatException("Invalid quoted-printable escape '=" + encoded.Substring(i + 1, Math.Min(2, encoded.Length - i - 1)) + "'");
                }

                bytes.Add((byte)'=');
                continue;
            }

            if (c > 0x7F)
            {
                if (compliance == ParserCompliance.Strict)
                {
                    throw new PimFormatException("Non-ASCII character in a quoted-printable value");
                }

                var len = char.IsHighSurrogate(c) && i + 1 < encoded.Length && char.IsLowSurrogate(encoded[i + 1]) ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(encoded.Substring(i, len)));
                i += len - 1;
                continue;
            }

            bytes.Add((byte)c);
        }

        return [.. bytes];
    }

    /// <summary>
    /// Encodes octets on one logical line: printable ASCII except "=" stays, line breaks become "=0D=0A",
    /// whitespace before a line break or at the end is encoded (RFC 2045 §6.7 rules 1-3). Add soft breaks with
    /// <see cref="InsertSoftBreaks"/>.
    /// </summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 3 / 2);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var literal = b is >= 33 and <= 126 && b != (byte)'=';
            if (b is (byte)' ' or (byte)'\t')
            {
                var atEnd = i + 1 == bytes.Length || bytes[i + 1] is (byte)'\r' or (byte)'\n';
                literal = !atEnd;
            }

            if (literal)
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('=').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return sb.ToString();
    }

    public static string Encode(string text, Encoding? charset = null) => Encode((charset ?? Encoding.UTF8).GetBytes(text));

    /// <summary>
    /// Breaks an encoded value into physical lines of at most <paramref name="maxLineLength"/> characters,
    /// each but the last ending in the soft break "=" (RFC 2045 §6.7 rule 5), never inside an "=XX" triplet.
    /// <paramref name="firstLineUsed"/> counts the characters already on the first line (the property header).
    /// </summary>
    public static string InsertSoftBreaks(string encoded, int firstLineUsed = 0, int maxLineLength = 75, string newLine = "\r\n")
    {
        if (maxLineLength < 5)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLineLength));
        }

        var sb = new StringBuilder(encoded.Length + (encoded.Length / maxLineLength * 3) + 8);
        var used = firstLineUsed;
        var i = 0;
        while (i < encoded.Length)
        {
            var token = encoded[i] == '=' && i + 2 < encoded.Length ? 3 : 1;

            // Keep room for the "=" that marks the soft break unless this token ends the value.
            var last = i + token == encoded.Length;
            if (used + token + (last ? 0 : 1) > maxLineLength && used > 0)
            {
                sb.Append('=').Append(newLine);
                used = 0;
            }

            if (used == 0 && i > 0 && encoded[i] is ' ' or '\t')
            {
                // A continuation line must not start with whitespace, or readers that unfold RFC 2425
                // style first would eat it; "=20"/"=09" is the same octet.
                sb.Append(encoded[i] == ' ' ? "=20" : "=09");
                used += 3;
                i++;
                continue;
            }

            sb.Append(encoded, i, token);
            used += token;
            i += token;
        }

        return sb.ToString();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
