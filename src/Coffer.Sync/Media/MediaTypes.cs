namespace Coffer.Sync.Media;

/// <summary>
/// The media type of a stored item: its content type without parameters, or, when that says only "octets" (the
/// device agent sends every photo and file as application/octet-stream with its name), a guess from the name's
/// extension so a browser can show it.
/// </summary>
public static class MediaTypes
{
    public const string Octets = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".heic"] = "image/heic",
        [".heif"] = "image/heif",
        [".avif"] = "image/avif",
        [".bmp"] = "image/bmp",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".pdf"] = "application/pdf",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".md"] = "text/markdown",
        [".json"] = "application/json",
        [".zip"] = "application/zip",
        [".mp4"] = "video/mp4",
        [".mov"] = "video/quicktime",
        [".mp3"] = "audio/mpeg",
        [".m4a"] = "audio/mp4",
        [".eml"] = "message/rfc822",
        [".vmg"] = "text/x-vMessage",
        [".vcf"] = "text/vcard",
        [".ics"] = "text/calendar",
    };

    /// <summary>The bare media type (lowercase) of <paramref name="contentType"/>, guessed from <paramref name="name"/> when it is only octets.</summary>
    public static string Of(string? contentType, string? name)
    {
        var bare = (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        if (bare.Length > 0 && bare != Octets && bare.Contains('/', StringComparison.Ordinal))
        {
            return bare;
        }

        return name != null && ByExtension.TryGetValue(Path.GetExtension(name), out var guessed) ? guessed : Octets;
    }

    /// <summary>
    /// The name carried in the content type as an RFC 2231 parameter (<c>name*=UTF-8''DCIM%2FIMG_1.jpg</c>, how the
    /// device agent sends it), or a plain <c>name="..."</c> (RFC 2045 §5.1); null when there is none.
    /// </summary>
    public static string? NameFrom(string? contentType)
    {
        if (contentType == null)
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';').Skip(1).Select(p => p.Trim()))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = parameter[..equals].Trim();
            var value = parameter[(equals + 1)..].Trim();
            if (key.Equals("name*", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 2231 §4: charset'language'percent-encoded value; the agent writes UTF-8 with no language.
                var quote = value.IndexOf('\'', StringComparison.Ordinal);
                var second = quote < 0 ? -1 : value.IndexOf('\'', quote + 1);
                try
                {
                    return Uri.UnescapeDataString(second < 0 ? value : value[(second + 1)..]);
                }
                catch (UriFormatException)
                {
                    return null;
                }
            }

            if (key.Equals("name", StringComparison.OrdinalIgnoreCase))
            {
                return value.Trim('"');
            }
        }

        return null;
    }
}
