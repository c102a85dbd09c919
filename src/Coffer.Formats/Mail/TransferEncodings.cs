using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>Base64 (RFC 2045 §6.8) and quoted-printable (RFC 2045 §6.7) codecs, tolerant in Loose mode.</summary>
internal static class TransferEncodings
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static readonly sbyte[] Base64Values = BuildBase64Values();

    public static ContentEncoding ParseName(string? value)
    {
        return value?.Trim().ToLowerInvariant() switch
        {
            null or "" => ContentEncoding.Default,
            "7bit" => ContentEncoding.SevenBit,
            "8bit" => ContentEncoding.EightBit,
            "binary" => ContentEncoding.Binary,
            "quoted-printable" => ContentEncoding.QuotedPrintable,
            "base64" => ContentEncoding.Base64,
            _ => ContentEncoding.Unknown,
        };
    }

    public static string? Name(ContentEncoding encoding) => encoding switch
    {
        ContentEncoding.SevenBit => "7bit",
        ContentEncoding.EightBit => "8bit",
        ContentEncoding.Binary => "binary",
        ContentEncoding.QuotedPrintable => "quoted-printable",
        ContentEncoding.Base64 => "base64",
        _ => null,
    };

    /// <summary>
    /// RFC 2045 §6.8: characters outside the alphabet are ignored (Loose); Strict allows only the alphabet,
    /// line breaks/whitespace and correct '=' padding.
    /// </summary>
    public static byte[] DecodeBase64(ReadOnlySpan<byte> input, ParserCompliance compliance)
    {
        var output = new List<byte>(input.Length * 3 / 4);
        int acc = 0, bits = 0, pad = 0;
        foreach (var b in input)
        {
            if (b == '=')
            {
                pad++;
                continue;
            }

            int v = b < 128 ? Base64Values[b] : -1;
            if (v < 0)
            {
                if (compliance == ParserCompliance.Strict && b is not ((byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t'))
                {
                    throw new PimFormatException($"Invalid base64 character 0x{b:X2} (RFC 2045 §6.8).");
                }

                continue;
            }

            if (pad > 0 && compliance == ParserCompliance.Strict)
            {
                throw new PimFormatException("Base64 data continues after '=' padding (RFC 2045 §6.8).");
            }

            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(acc >> bits));
                acc &= (1 << bits) - 1;
            }
        }

        // The last quantum: 2 chars + "==" leave 4 spare bits, 3 chars + "=" leave 2 (RFC 2045 §6.8).
        var complete = (bits == 0 && pad == 0) || (bits == 4 && pad == 2) || (bits == 2 && pad == 1);
        if (compliance == ParserCompliance.Strict && !complete)
        {
            throw new PimFormatException("Truncated base64 data (RFC 2045 §6.8).");
        }

        return output.ToArray();
    }

    /// <summary>RFC 2045 §6.8: 76-character lines separated by CRLF.</summary>
    public static byte[] EncodeBase64(ReadOnlySpan<byte> data)
    {
        var text = Convert.ToBase64String(data);
        var sb = new StringBuilder(text.Length + (text.Length / 76 * 2) + 2);
        for (var i = 0; i < text.Length; i += 76)
        {
            sb.Append(text, i, Math.Min(76, text.Length - i)).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>
    /// RFC 2045 §6.7: "=XX" octets, soft line breaks "=" CRLF, trailing whitespace on a line is padding.
    /// Loose keeps malformed "=" sequences literally (§6.7 note 1); Strict rejects them.
    /// </summary>
    public static byte[] DecodeQuotedPrintable(ReadOnlySpan<byte> input, ParserCompliance compliance)
    {
        var output = new List<byte>(input.Length);
        var i = 0;
        while (i < input.Length)
        {
            var lineEnd = input[i..].IndexOf((byte)'\n');
            var line = lineEnd < 0 ? input[i..] : input.Slice(i, lineEnd);
            var hasBreak = lineEnd >= 0;
            i = hasBreak ? i + lineEnd + 1 : input.Length;
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            // Rule #3: transport may add trailing whitespace; it is not part of the data.
            line = line.TrimEnd(" \t"u8);
            var soft = false;
            for (var j = 0; j < line.Length; j++)
            {
                var b = line[j];
                if (b != '=')
                {
                    output.Add(b);
                    continue;
                }

                if (j == line.Length - 1)
                {
                    soft = true;
                    break;
                }

                if (j + 2 < line.Length && HexValue(line[j + 1]) is var hi and >= 0 && HexValue(line[j + 2]) is var lo and >= 0)
                {
                    if (compliance == ParserCompliance.Strict && (char.IsAsciiLetterLower((char)line[j + 1]) || char.IsAsciiLetterLower((char)line[j + 2])))
                    {
                        throw new PimFormatException("Lower-case hex digit in quoted-printable (RFC 2045 §6.7 rule 1).");
                    }

                    output.Add((byte)((hi << 4) | lo));
                    j += 2;
                    continue;
                }

                if (compliance == ParserCompliance.Strict)
                {
                    throw new PimFormatException("Malformed quoted-printable '=' sequence (RFC 2045 §6.7).");
                }

                output.Add(b);
            }

            if (hasBreak && !soft)
            {
                output.Add((byte)'\r');
                output.Add((byte)'\n');
            }
        }

        return output.ToArray();
    }

    /// <summary>RFC 2045 §6.7 encoder: lines at most 76 characters, line breaks of text kept as hard CRLF.</summary>
    public static byte[] EncodeQuotedPrintable(ReadOnlySpan<byte> data)
    {
        var sb = new StringBuilder(data.Length * 2);
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

            var atLineEnd = i + 1 == data.Length || data[i + 1] == '\r';
            string piece;
            if ((b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !atLineEnd))
            {
                piece = ((char)b).ToString();
            }
            else
            {
                piece = "=" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
            }

            if (lineLength + piece.Length > 75)
            {
                sb.Append("=\r\n");
                lineLength = 0;
            }

            sb.Append(piece);
            lineLength += piece.Length;
        }

        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };

    private static sbyte[] BuildBase64Values()
    {
        var table = new sbyte[128];
        Array.Fill(table, (sbyte)-1);
        for (var i = 0; i < Base64Alphabet.Length; i++)
        {
            table[Base64Alphabet[i]] = (sbyte)i;
        }

        return table;
    }
}
