using System.Globalization;
using Coffer.Agent.Card;

namespace Coffer.Agent.Cli;

/// <summary>How the card verbs print sync objects, item ids and names as text.</summary>
internal static class CardReport
{
    public static string Describe(SyncObject? o) => o == null ? "none" : $"{o.Id} (counter {Num(o.Counter)})";

    public static string Ids(IEnumerable<long> ids) => string.Join(' ', ids.Select(Num)) is { Length: > 0 } s ? s : "-";

    public static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The vCard's FN (formatted name), else its N, else empty.</summary>
    public static string Name(string vcard)
    {
        var lines = vcard.ReplaceLineEndings("\n").Split('\n');
        return Value(lines, "FN") ?? Value(lines, "N")?.Replace(';', ' ').Trim() ?? string.Empty;
    }

    private static string? Value(string[] lines, string property) => lines
        .Where(l => l.StartsWith(property + ":", StringComparison.OrdinalIgnoreCase) || l.StartsWith(property + ";", StringComparison.OrdinalIgnoreCase))
        .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..])
        .FirstOrDefault();
}
