namespace Coffer.Agent.Sources;

/// <summary>
/// A Maildir (one RFC 5322 message per file in <c>cur/</c> and <c>new/</c>; <c>tmp/</c> holds deliveries in progress
/// and is not read). An item's name is its path, <c>cur/1733.M1P2.host:2,S</c>, so the flags in the file name come
/// back with a restore; a new file is written in <c>tmp/</c> and renamed into place, as a Maildir delivery is. A
/// message whose flags change is renamed by the mail program: the agent sees a new file and a deleted one (the blob
/// store keeps its content once).
/// </summary>
public sealed class MaildirFolder(string root) : IItemFolder
{
    private static readonly string[] Subfolders = ["cur", "new"];

    public string Root => root;

    public IEnumerable<string> List() => Subfolders
        .Where(sub => Directory.Exists(Path.Combine(root, sub)))
        .SelectMany(sub => Directory.EnumerateFiles(Path.Combine(root, sub)).Select(full => sub + "/" + Path.GetFileName(full)))
        .Where(ItemPaths.IsSafe)
        .Order(StringComparer.Ordinal);

    public ItemBody Read(string path) => ItemBody.FromFile(ItemPaths.Full(root, path));

    public string Create(string hint, ItemBody content)
    {
        var parts = hint.Split('/');
        var path = ItemPaths.IsSafe(hint) && parts.Length == 2 && Subfolders.Contains(parts[0])
            ? hint
            : "new/" + string.Concat(hint.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".coffer-agent";
        path = ItemPaths.Free(root, path);
        Write(path, content);
        return path;
    }

    public void Write(string path, ItemBody content)
    {
        foreach (var sub in (string[])["cur", "new", "tmp"])
        {
            Directory.CreateDirectory(Path.Combine(root, sub));
        }

        content.WriteTo(ItemPaths.Full(root, path), Path.Combine(root, "tmp"));
    }

    public void Delete(string path) => File.Delete(ItemPaths.Full(root, path));
}
