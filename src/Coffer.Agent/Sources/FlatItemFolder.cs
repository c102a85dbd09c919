using System.Globalization;

namespace Coffer.Agent.Sources;

/// <summary>
/// A folder of one item per file with a given extension (<c>.vcf</c>, <c>.ics</c>, <c>.txt</c>), as phones and desktop
/// programs export them; other files and subfolders are not items. Files are written whole to a temporary name and
/// renamed, so a crash never leaves half an item.
/// </summary>
public sealed class FlatItemFolder(string root, string extension) : IItemFolder
{
    public string Root => root;

    public IEnumerable<string> List() => Directory.Exists(root)
        ? Directory.EnumerateFiles(root, "*" + extension, SearchOption.TopDirectoryOnly)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && !name.StartsWith('.'))
            .Order(StringComparer.Ordinal)
        : [];

    public ItemBody Read(string path) => ItemBody.FromFile(Full(path));

    public string Create(string hint, ItemBody content)
    {
        Directory.CreateDirectory(root);
        var stem = string.Concat(hint.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var name = stem + extension;
        for (var n = 2; File.Exists(Full(name)); n++)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}{extension}");
        }

        Write(name, content);
        return name;
    }

    public void Write(string path, ItemBody content) => content.WriteTo(Full(path), root);

    public void Delete(string path) => File.Delete(Full(path));

    private string Full(string path) => Path.Combine(root, path);
}
