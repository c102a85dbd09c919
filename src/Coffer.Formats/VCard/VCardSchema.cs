using System.Collections.Frozen;

namespace Coffer.Formats.VCard;

/// <summary>What Coffer knows about property value shapes and media types across vCard versions.</summary>
internal static class VCardSchema
{
    private static readonly HashSet<string> TextProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "FN", "NOTE", "TITLE", "ROLE", "LABEL", "EMAIL", "TEL", "UID", "REV", "BDAY", "ANNIVERSARY", "PRODID",
        "SORT-STRING", "MAILER", "CLASS", "NAME", "PROFILE", "KIND", "LANG", "TZ", "AGENT", "XML", "RELATED",
    };

    private static readonly HashSet<string> UriProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "URL", "SOURCE", "FBURL", "CALURI", "CALADRURI", "IMPP", "MEMBER",
    };

    private static readonly HashSet<string> ListProperties = new(StringComparer.OrdinalIgnoreCase) { "CATEGORIES", "NICKNAME" };

    /// <summary>Properties that may carry inline binary (vCard 2.1 §2.3, RFC 2426 §3.1.4/§3.5.3/§3.6.6/§3.7.2, RFC 6350 §6.2.4).</summary>
    private static readonly HashSet<string> BinaryProperties = new(StringComparer.OrdinalIgnoreCase) { "PHOTO", "LOGO", "SOUND", "KEY" };

    // vCard 2.1 §2.3.1-§2.7.2 and RFC 2426 type tokens for media.
    private static readonly (string Token, string Mime)[] MediaTypes =
    [
        ("JPEG", "image/jpeg"), ("JPG", "image/jpeg"), ("PNG", "image/png"), ("GIF", "image/gif"), ("BMP", "image/bmp"),
        ("TIFF", "image/tiff"), ("PICT", "image/x-pict"), ("CGM", "image/cgm"), ("WMF", "image/x-wmf"), ("PS", "application/postscript"),
        ("PDF", "application/pdf"), ("MPEG", "video/mpeg"), ("MPEG2", "video/mpeg2"), ("QTIME", "video/quicktime"), ("AVI", "video/x-msvideo"),
        ("WAVE", "audio/wav"), ("PCM", "audio/x-pcm"), ("AIFF", "audio/aiff"), ("BASIC", "audio/basic"), ("MP3", "audio/mpeg"),
        ("X509", "application/pkix-cert"), ("PGP", "application/pgp-keys"),
    ];

    public static bool IsBinaryCapable(string name) => BinaryProperties.Contains(name);

    // One lookup per property instead of four (every property of every item asks).
    private static readonly FrozenDictionary<string, VCardPropertyKind> Kinds =
        TextProperties.Select(n => KeyValuePair.Create(n, VCardPropertyKind.Text))
            .Concat(UriProperties.Concat(BinaryProperties).Select(n => KeyValuePair.Create(n, VCardPropertyKind.Uri)))
            .Concat(ListProperties.Select(n => KeyValuePair.Create(n, VCardPropertyKind.List)))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static VCardPropertyKind KindOf(string name) => Kinds.GetValueOrDefault(name, VCardPropertyKind.Structured);

    /// <summary>"JPEG" → "image/jpeg"; an unknown token becomes a type of the property's family.</summary>
    public static string MimeFromToken(string token, string propertyName)
    {
        if (token.Contains('/'))
        {
            return token.ToLowerInvariant();
        }

        foreach (var (t, mime) in MediaTypes)
        {
            if (string.Equals(t, token, StringComparison.OrdinalIgnoreCase))
            {
                return mime;
            }
        }

        var family = propertyName.ToUpperInvariant() switch
        {
            "SOUND" => "audio/",
            "KEY" => "application/",
            _ => "image/",
        };
        return family + token.ToLowerInvariant();
    }

    /// <summary>"image/jpeg" → "JPEG" (vCard 2.1/3.0 TYPE token).</summary>
    public static string TokenFromMime(string mime)
    {
        foreach (var (t, m) in MediaTypes)
        {
            if (string.Equals(m, mime, StringComparison.OrdinalIgnoreCase))
            {
                return t;
            }
        }

        var slash = mime.IndexOf('/');
        return (slash >= 0 ? mime[(slash + 1)..] : mime).ToUpperInvariant();
    }
}
