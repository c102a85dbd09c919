namespace Coffer.Agent.Cli;

/// <summary>The files <c>peer sync --file</c> sends: each named file, every file under a named folder, else the whole folder; with their names relative to it.</summary>
internal static class PeerFileSelection
{
    /// <exception cref="ArgumentException">A path outside the folder, or one that does not exist.</exception>
    public static List<(string Path, string Name)> Select(string folder, IReadOnlyList<string> named)
    {
        var root = Path.GetFullPath(folder);
        var roots = named.Count == 0 ? [root] : named.Select(n => Path.GetFullPath(Path.Combine(root, n))).ToList();
        var selected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in roots)
        {
            if (path != root && !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new ArgumentException($"{path} is not inside {root}");
            }

            IEnumerable<string> found = File.Exists(path) ? [path]
                : Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                : throw new ArgumentException($"{path} does not exist");
            foreach (var file in found.Where(f => !IsPartial(f)))
            {
                selected[Coffer.Agent.Peer.PeerFilePath.NameOf(root, file)] = file;
            }
        }

        return [.. selected.Select(p => (p.Value, p.Key))];
    }

    // A receiver's temporary file (.NAME.GUID.peer) is no file of the folder.
    private static bool IsPartial(string path) => Path.GetFileName(path).StartsWith('.') && path.EndsWith(".peer", StringComparison.Ordinal);
}
