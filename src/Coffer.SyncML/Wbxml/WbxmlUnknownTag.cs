using System.Globalization;

namespace Coffer.SyncML.Wbxml;

/// <summary>
/// Names for tag tokens the tables do not know ("Unknown-PP-TT", code page and token in hex), so that the
/// Loose decoder can keep such elements and the encoder can write them back as the same token.
/// </summary>
internal static class WbxmlUnknownTag
{
    private const string Prefix = "Unknown-";

    public static string Name(byte page, byte token) => $"{Prefix}{page:X2}-{token:X2}";

    public static bool TryParse(string name, out byte page, out byte token)
    {
        page = 0;
        token = 0;
        return name.Length == Prefix.Length + 5
            && name.StartsWith(Prefix, StringComparison.Ordinal)
            && name[Prefix.Length + 2] == '-'
            && byte.TryParse(name.AsSpan(Prefix.Length, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out page)
            && byte.TryParse(name.AsSpan(Prefix.Length + 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out token)
            && token is >= 0x05 and <= 0x3F;
    }
}
