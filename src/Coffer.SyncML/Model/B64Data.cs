namespace Coffer.SyncML;

/// <summary>
/// The bytes of item data in Format b64 (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6). Chunks of a large object are megabytes
/// of b64 without line breaks: they are decoded in one pass into an array of exactly their size, where
/// <see cref="Convert.FromBase64String(string)"/> first scans the text to count it. Anything else (line breaks inside)
/// is decoded as <see cref="Convert.FromBase64String(string)"/> does.
/// </summary>
public static class B64Data
{
    /// <exception cref="FormatException">The text is not base64.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan().Trim();
        if (span.Length % 4 == 0)
        {
            var padding = span.Length == 0 || span[^1] != '=' ? 0 : span[^2] == '=' ? 2 : 1;
            var bytes = new byte[(span.Length / 4 * 3) - padding];
            if (Convert.TryFromBase64Chars(span, bytes, out var written) && written == bytes.Length)
            {
                return bytes;
            }
        }

        return Convert.FromBase64String(text);
    }
}
