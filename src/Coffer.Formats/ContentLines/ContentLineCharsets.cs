using System.Text;

namespace Coffer.Formats.ContentLines;

/// <summary>
/// Resolves CHARSET parameter values (vCard 2.1 §2.1.5, RFC 2045 §2.2 charset names) to encodings,
/// including the legacy code pages phones use (ISO-8859-x, Windows-125x, Shift_JIS, GB2312, Big5...).
/// </summary>
public static class ContentLineCharsets
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        // The legacy code pages are not built into .NET; the provider ships with the runtime.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>UTF-8 that throws on invalid bytes (to detect non-UTF-8 input).</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(false, true);

    /// <summary>ISO-8859-1 maps every byte to the same code point: a lossless byte carrier.</summary>
    public static Encoding Latin1 => Encoding.Latin1;

    /// <summary>The encoding for a charset name, or null when it is unknown.</summary>
    public static Encoding? Find(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        _ = Registered.Value;
        var name = charset.Trim().Trim('"');
        name = name.ToUpperInvariant() switch
        {
            "UTF8" => "utf-8",
            "SHIFT-JIS" or "SJIS" or "X-SJIS" or "SHIFTJIS" => "shift_jis",
            _ => name,
        };
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Decodes <paramref name="bytes"/> in <paramref name="charset"/> (UTF-8 when absent). Loose falls back
    /// to <paramref name="fallback"/> (Windows-1252) for an unknown charset or invalid UTF-8; Strict raises.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset, ParserCompliance compliance, Encoding? fallback = null, int lineNumber = 0)
    {
        var encoding = StrictUtf8;
        if (!string.IsNullOrWhiteSpace(charset))
        {
            var found = Find(charset);
            if (found is null)
            {
                if (compliance == ParserCompliance.Strict)
                {
                    throw new PimFormatException($"Unknown CHARSET '{charset}'") { Line = Nullable(lineNumber) };
                }
            }
            else
            {
                encoding = found;
            }
        }

        if (!ReferenceEquals(encoding, StrictUtf8) && encoding.CodePage != Encoding.UTF8.CodePage)
        {
            return encoding.GetString(bytes);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            if (compliance == ParserCompliance.Strict)
            {
                throw new PimFormatException("Invalid UTF-8 text", ex) { Line = Nullable(lineNumber) };
            }

            return (fallback ?? Find("windows-1252") ?? Latin1).GetString(bytes);
        }
    }

    private static int? Nullable(int line) => line > 0 ? line : null;
}
