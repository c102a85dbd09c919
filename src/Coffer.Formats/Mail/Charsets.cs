using System.Text;

namespace Coffer.Formats.Mail;

/// <summary>Maps MIME charset names (RFC 2046 §4.1.2, IANA registry) to .NET encodings, including legacy code pages.</summary>
internal static class Charsets
{
    static Charsets()
    {
        // ISO-2022-JP, Windows-125x, KOI8-R... live in the code-pages provider, not in the core set.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static readonly Encoding Utf8Strict = new UTF8Encoding(false, true);

    public static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    public static Encoding Latin1 => Encoding.Latin1;

    /// <summary>The encoding for a charset label, or null when unknown.</summary>
    public static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var label = name.Trim().Trim('"').ToLowerInvariant();
        switch (label)
        {
            case "utf-8" or "utf8":
                return Utf8;
            case "us-ascii" or "ascii" or "ansi_x3.4-1968" or "iso-8859-1" or "latin1" or "l1":
                // US-ASCII text that nevertheless carries 8-bit bytes is common; Latin-1 keeps them all visible.
                return Latin1;
            case "x-unknown" or "unknown-8bit" or "x-user-defined":
                return Latin1;
        }

        try
        {
            return Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Text of <paramref name="bytes"/> in <paramref name="charset"/>; unknown charsets fall back to UTF-8, then Latin-1.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset)
    {
        var enc = Find(charset);
        if (enc != null)
        {
            return enc.GetString(bytes);
        }

        return DecodeUtf8OrLatin1(bytes);
    }

    /// <summary>RFC 6532 §3: header and 8-bit text is UTF-8; anything that is not valid UTF-8 is read as Latin-1 so no byte is lost.</summary>
    public static string DecodeUtf8OrLatin1(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return Utf8.GetString(bytes);
        }

        return Latin1.GetString(bytes);
    }

    public static bool IsAscii(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c > 0x7f)
            {
                return false;
            }
        }

        return true;
    }
}
