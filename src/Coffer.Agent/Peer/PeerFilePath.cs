namespace Coffer.Agent.Peer;

/// <summary>Where a file a peer names ('/'-separated, relative) lands under a folder: never outside it.</summary>
public static class PeerFilePath
{
    /// <exception cref="PeerTransferException">An empty, absolute or escaping name, or one with an empty, "." or ".." segment.</exception>
    public static string Resolve(string root, string name)
    {
        var segments = name.Split('/');
        if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal)
            || segments.Any(s => s.Length == 0 || s is "." or ".."))
        {
            throw new PeerTransferException($"Peer transfer: '{name}' is no relative path.");
        }

        var full = Path.GetFullPath(Path.Combine([root, .. segments]));
        return full.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new PeerTransferException($"Peer transfer: '{name}' is outside the folder.");
    }

    /// <summary>The name of <paramref name="path"/> relative to <paramref name="root"/>, '/'-separated.</summary>
    public static string NameOf(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
