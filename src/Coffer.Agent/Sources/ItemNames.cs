namespace Coffer.Agent.Sources;

/// <summary>
/// An item's name (its path in the folder) travels in its content type as a MIME parameter in the RFC 2231 form,
/// <c>image/jpeg; name*=UTF-8''2024%2Fbeach.jpg</c>: the server keeps each item's type (Meta Type,
/// OMA-TS-SyncML_MetaInfo-V1_2 §5.2.14) and sends it back with the item, while the content itself stays the file's
/// bytes, so equal files in two folders are still one blob on the server.
/// </summary>
public static class ItemNames
{
    private const string Parameter = "name*=UTF-8''";

    public static string TypeWithName(string contentType, string name) => $"{contentType}; {Parameter}{Uri.EscapeDataString(name)}";

    /// <summary>The name carried in <paramref name="contentType"/>; null when it carries none.</summary>
    public static string? NameFrom(string? contentType)
    {
        if (contentType == null)
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';').Skip(1).Select(p => p.Trim()))
        {
            if (parameter.StartsWith(Parameter, StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    return Uri.UnescapeDataString(parameter[Parameter.Length..]);
                }
                catch (UriFormatException)
                {
                    return null;
                }
            }
        }

        return null;
    }
}
