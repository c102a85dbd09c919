namespace Coffer.Sync.Media;

/// <summary>
/// One folder of a tree of named items (names are paths with '/', as the device agent sends them): the subfolders
/// directly inside it with how many items each holds, and the items directly inside it.
/// </summary>
public sealed record FolderListing(string Path, IReadOnlyList<(string Name, int Count)> Folders, IReadOnlyList<MediaItem> Files)
{
    /// <summary>The folder above, or null at the top.</summary>
    public string? Parent => Path.Length == 0 ? null : Path[..(Path.TrimEnd('/').LastIndexOf('/') + 1)];

    /// <summary>The listing of <paramref name="path"/> ("" for the top, else ending in '/') over <paramref name="items"/>, which all start with it.</summary>
    public static FolderListing Of(string path, IEnumerable<MediaItem> items)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(items);
        var folders = new SortedDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var files = new List<MediaItem>();
        foreach (var item in items)
        {
            var rest = item.Name[path.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                var folder = rest[..slash];
                folders[folder] = folders.GetValueOrDefault(folder) + 1;
            }
            else
            {
                files.Add(item);
            }
        }

        return new FolderListing(path, [.. folders.Select(f => (f.Key, f.Value))], [.. files.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>A folder path as the listing takes it: no leading slash, a trailing one unless it is the top.</summary>
    public static string Normalize(string? path)
    {
        var trimmed = (path ?? string.Empty).Trim('/');
        return trimmed.Length == 0 ? string.Empty : trimmed + "/";
    }
}
