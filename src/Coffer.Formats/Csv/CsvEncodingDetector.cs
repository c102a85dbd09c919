using System.Text;

namespace Coffer.Formats.Csv;

/// <summary>
/// Picks the text encoding of an exported CSV file: a byte order mark decides (UTF-8, UTF-16 LE/BE);
/// without one, valid UTF-8 is UTF-8 (Google) and anything else is Windows-1252 (Outlook's ANSI export).
/// </summary>
public static class CsvEncodingDetector
{
    static CsvEncodingDetector()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>The encoding and the length of its BOM in <paramref name="bytes"/>.</summary>
    public static (Encoding Encoding, int BomLength) Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false), 3);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(false, false), 2);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(true, false), 2);
        }

        return System.Text.Unicode.Utf8.IsValid(bytes) ? (new UTF8Encoding(false), 0) : (Windows1252, 0);
    }

    public static string Decode(ReadOnlySpan<byte> bytes, out Encoding encoding)
    {
        var (enc, bom) = Detect(bytes);
        encoding = enc;
        return enc.GetString(bytes[bom..]);
    }
}
