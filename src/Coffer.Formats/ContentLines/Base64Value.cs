namespace Coffer.Formats.ContentLines;

/// <summary>BASE64 (vCard 2.1 §2.1.3) and ENCODING=b (RFC 2426 §5.1, RFC 2047 "B") binary values.</summary>
public static class Base64Value
{
    /// <summary>
    /// Decodes, ignoring the whitespace left by folding. Loose also drops stray characters and repairs
    /// missing padding (phones truncate it); Strict raises on anything not base64.
    /// </summary>
    public static byte[] Decode(string encoded, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var chars = new char[encoded.Length + 3];
        var n = 0;
        foreach (var c in encoded)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')
            {
                chars[n++] = c;
            }
            else if (c is not (' ' or '\t' or '\r' or '\n') && compliance == ParserCompliance.Strict)
            {
                throw new PimFormatException($"Invalid character '{c}' in base64 value");
            }
        }

        if (compliance == ParserCompliance.Loose)
        {
            // Padding only belongs at the end; URL-safe or garbled data may put it elsewhere.
            var end = n;
            while (end > 0 && chars[end - 1] == '=')
            {
                end--;
            }

            var m = 0;
            for (var i = 0; i < end; i++)
            {
                if (chars[i] != '=')
                {
                    chars[m++] = chars[i];
                }
            }

            if (m % 4 == 1)
            {
                m--; // a single leftover sextet carries no whole octet
            }

            n = m;
            while (n % 4 != 0)
            {
                chars[n++] = '=';
            }
        }

        try
        {
            return Convert.FromBase64CharArray(chars, 0, n);
        }
        catch (FormatException ex)
        {
            throw new PimFormatException("Invalid base64 value", ex);
        }
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes);
}
