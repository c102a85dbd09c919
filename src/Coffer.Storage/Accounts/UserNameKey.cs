namespace Coffer.Storage;

/// <summary>The uniqueness key of a user name, the same in every backend (a database moved between them keeps its names).</summary>
public static class UserNameKey
{
    /// <summary>
    /// Trimmed, Unicode case-folded (upper then lower, so "ß"/"ẞ" and the like meet); SQLite's NOCASE and a plain
    /// PostgreSQL lower() depend on the database, this does not. No NFC/NFKC: the build runs with InvariantGlobalization,
    /// where string.Normalize does not normalize, so a decomposed "A\u0308" stays distinct from "Ä".
    /// </summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant().ToLowerInvariant();
    }
}
