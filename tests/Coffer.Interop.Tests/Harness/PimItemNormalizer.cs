using System.Text;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// Brings vCard/iCalendar items into a comparable form, so that a folder restored through a server can be
/// compared with the original although the engine rewrote the files: lines unfolded (RFC 6350 §3.2 /
/// RFC 5545 §3.1), empty-valued properties and engine-stamped properties dropped, trailing empty structured
/// components removed ("ORG:A;B;;" equals "ORG:A;B"), property names upper-cased, lines sorted per item.
/// </summary>
public static class PimItemNormalizer
{
    /// <summary>Properties a sync engine stamps on its own (product id, revision time, Evolution's file-as).</summary>
    public static IReadOnlySet<string> EngineStamped { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "PRODID", "REV", "X-EVOLUTION-FILE-AS",
    };

    /// <summary>Normalizes one item; <paramref name="ignore"/> (default <see cref="EngineStamped"/>) names properties to drop.</summary>
    public static string Normalize(string item, IEnumerable<string>? ignore = null)
    {
        var ignored = ignore == null ? EngineStamped : new HashSet<string>(ignore, StringComparer.OrdinalIgnoreCase);
        var lines = new List<string>();
        foreach (var line in Unfold(item))
        {
            var colon = FindValueColon(line);
            if (colon < 0)
            {
                continue;
            }

            var head = line[..colon];
            var semicolon = head.IndexOf(';', StringComparison.Ordinal);
            var name = (semicolon < 0 ? head : head[..semicolon]).ToUpperInvariant();
            var value = line[(colon + 1)..].TrimEnd(';');
            if (ignored.Contains(name) || value.Length == 0)
            {
                continue;
            }

            lines.Add(name + (semicolon < 0 ? string.Empty : head[semicolon..].ToUpperInvariant()) + ":" + value);
        }

        // BEGIN/END stay in place; everything between is order-insensitive.
        var body = lines.Where(l => !l.StartsWith("BEGIN:", StringComparison.Ordinal) && !l.StartsWith("END:", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        var begins = lines.Where(l => l.StartsWith("BEGIN:", StringComparison.Ordinal));
        var ends = lines.Where(l => l.StartsWith("END:", StringComparison.Ordinal));
        return string.Join("\n", begins.Concat(body).Concat(ends));
    }

    /// <summary>All items of a folder, normalized and sorted: two folders hold the same data iff these are equal.</summary>
    public static IReadOnlyList<string> NormalizeFolder(string folder, IEnumerable<string>? ignore = null)
    {
        var ignoreList = ignore?.ToList();
        return Directory.GetFiles(folder).Select(f => Normalize(File.ReadAllText(f), ignoreList)).Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Unfold(string item)
    {
        var current = new StringBuilder();
        foreach (var raw in item.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t'))
            {
                current.Append(raw.AsSpan(1));
                continue;
            }

            if (current.Length > 0)
            {
                yield return current.ToString();
            }

            current.Clear().Append(raw);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    // The colon that ends the property head, skipping colons inside quoted parameter values (RFC 6350 §3.3).
    internal static int FindValueColon(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ':' && !quoted)
            {
                return i;
            }
        }

        return -1;
    }
}
