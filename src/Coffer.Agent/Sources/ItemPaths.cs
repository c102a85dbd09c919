using System.Globalization;

namespace Coffer.Agent.Sources;

/// <summary>
/// Relative item paths as folders that keep names use them: '/'-separated, never leaving the folder. A name that
/// came from the server is checked before it becomes a path: no absolute path, no "..", no empty or hidden segment.
/// </summary>
public static class ItemPaths
{
    /// <summary>True when <paramref name="path"/> is a relative path of plain segments inside the folder.</summary>
    public static bool IsSafe(string path) =>
        path.Length is > 0 and <= 1024
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Contains('\0', StringComparison.Ordinal)
        && path.Split('/').All(s => s.Length > 0 && s[0] != '.' && s.Length <= 255);

    /// <summary>The path relative to <paramref name="root"/>, with '/' whatever the platform.</summary>
    public static string Relative(string root, string full) => Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The full path of <paramref name="path"/> under <paramref name="root"/>.</summary>
    public static string Full(string root, string path) => Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));

    /// <summary><paramref name="path"/>, or "stem-2.ext", "stem-3.ext"... when a file of that name exists already.</summary>
    public static string Free(string root, string path)
    {
        var directory = path.Contains('/', StringComparison.Ordinal) ? path[..(path.LastIndexOf('/') + 1)] : string.Empty;
        var name = path[directory.Length..];
        var extension = Path.GetExtension(name);
        var stem = name[..^extension.Length];
        var candidate = path;
        for (var n = 2; File.Exists(Full(root, candidate)); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{directory}{stem}-{n}{extension}");
        }

        return candidate;
    }
}
