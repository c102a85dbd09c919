using Coffer.Agent.Sources;

namespace Coffer.Agent.AppData;

/// <summary>
/// The appdata folder: any files in any subfolders, named like the files datastore (<see cref="FileTreeFolder"/>),
/// without a database's companion files (<c>NAME-wal</c>, <c>NAME-shm</c>, <c>NAME-journal</c> beside <c>NAME</c>):
/// SQLite's own, never a consistent copy, and read through the database itself when it is backed up.
/// </summary>
public sealed class AppDataFolder(string root) : IItemFolder
{
    private static readonly string[] Companions = ["-wal", "-shm", "-journal"];
    private readonly FileTreeFolder files = new(root, null, recursive: true);

    public string Root => root;

    public IEnumerable<string> List()
    {
        var all = files.List().ToList();
        var present = all.ToHashSet(StringComparer.Ordinal);
        return all.Where(path => !Companions.Any(c => path.EndsWith(c, StringComparison.Ordinal) && present.Contains(path[..^c.Length])));
    }

    public ItemBody Read(string path) => files.Read(path);

    public string Create(string hint, ItemBody content) => files.Create(hint, content);

    public void Write(string path, ItemBody content) => files.Write(path, content);

    public void Delete(string path) => files.Delete(path);
}
