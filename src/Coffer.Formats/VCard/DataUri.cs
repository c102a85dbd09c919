using System.Text;
using Coffer.Formats.ContentLines;

namespace Coffer.Formats.VCard;

/// <summary>RFC 2397 "data:" URIs, the vCard 4.0 form of inline PHOTO/LOGO/SOUND/KEY (RFC 6350 §6.2.4).</summary>
public static class DataUri
{
    /// <summary>Parses "data:[mediatype][;param][;base64],payload"; false when it is not a well-formed data URI.</summary>
    public static bool TryParse(string uri, out byte[] bytes, out string? mediaType)
    {
        bytes = [];
        mediaType = null;
        if (!uri.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = uri.IndexOf(',');
        if (comma < 0)
        {
            return false;
        }

        var header = uri[5..comma].Split(';');
        var isBase64 = header.Length > 1 && header[^1].Equals("base64", StringComparison.OrdinalIgnoreCase);
        mediaType = header[0].Length > 0 ? header[0].ToLowerInvariant() : null;
        var payload = uri[(comma + 1)..];
        try
        {
            bytes = isBase64 ? Base64Value.Decode(payload, ParserCompliance.Strict) : PercentDecode(payload);
            return true;
        }
        catch (PimFormatException)
        {
            return false;
        }
    }

    public static string Format(ReadOnlySpan<byte> bytes, string? mediaType) =>
        "data:" + (mediaType ?? "application/octet-stream") + ";base64," + Base64Value.Encode(bytes);

    private static byte[] PercentDecode(string s)
    {
        var result = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && char.IsAsciiHexDigit(s[i + 1]) && char.IsAsciiHexDigit(s[i + 2]))
            {
                result.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (s[i] > 0x7F)
            {
                result.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
            }
            else
            {
                result.Add((byte)s[i]);
            }
        }

        return [.. result];
    }
}
