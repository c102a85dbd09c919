namespace Coffer.Agent.Sources;

/// <summary>
/// A folder tree of any files (photos, files) or a flat folder of one kind of file (SMS as <c>.vmg</c> vMessages,
/// as phones export them): every file is an item, named by its path relative to the folder. Hidden files and folders
/// are not items. An item from the server keeps the path it had on the device that sent it when that path is safe
/// and free; otherwise it is named after its LUID.
/// </summary>
public sealed class FileTreeFolder(string root, string? extension, bool recursive) : IItemFolder
{
    public string Root => root;

    public IEnumerable<string> List()
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        var options = new EnumerationOptions { RecurseSubdirectories = recursive, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(root, "*", options)
            .Select(full => ItemPaths.Relative(root, full))
            .Where(path => ItemPaths.IsSafe(path) && (extension == null || path.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal);
    }

    public ItemBody Read(string path) => ItemBody.FromFile(ItemPaths.Full(root, path));

    public string Create(string hint, ItemBody content)
    {
        var path = ItemPaths.IsSafe(hint) && (recursive || !hint.Contains('/', StringComparison.Ordinal))
            ? hint
            : string.Concat(hint.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        if (extension != null && !path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
        {
            path += extension;
        }

        path = ItemPaths.Free(root, path);
        Write(path, content);
        return path;
    }

    public void Write(string path, ItemBody content)
    {
        var full = ItemPaths.Full(root, path);
        content.WriteTo(full, Path.GetDirectoryName(full)!);
    }

    public void Delete(string path) => File.Delete(ItemPaths.Full(root, path));
}
