using System.Text;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// <see cref="PimItemNormalizer"/> made insensitive to parameter order and to optional parameter quoting as well:
/// both are representation choices, not data (RFC 6350 §5 / RFC 2426 §4 and RFC 5545 §3.2: parameters are an
/// unordered set; a param-value needs DQUOTEs only when it holds ":", ";" or ",").
/// </summary>
public static class PimItemComparison
{
    /// <summary>Properties stamped by an engine or the client on every write: never data a restore must keep.</summary>
    public static IReadOnlyList<string> Stamped { get; } = [.. PimItemNormalizer.EngineStamped, "LAST-MODIFIED", "DTSTAMP"];

    public static string Normalize(string item, IEnumerable<string>? ignore = null)
    {
        var builder = new StringBuilder();
        foreach (var line in Unfold(item))
        {
            builder.Append(CanonicalParameters(line)).Append('\n');
        }

        return PimItemNormalizer.Normalize(builder.ToString(), ignore ?? Stamped);
    }

    public static IReadOnlyList<string> NormalizeAll(IEnumerable<string> items, IEnumerable<string>? ignore = null)
    {
        var list = ignore?.ToList();
        return items.Select(i => Normalize(i, list)).Order(StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<string> NormalizeFolder(string folder, IEnumerable<string>? ignore = null) =>
        NormalizeAll(Directory.GetFiles(folder).Select(File.ReadAllText), ignore);

    private static string CanonicalParameters(string line)
    {
        // Split the head (up to the first unquoted colon) at unquoted semicolons.
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ';')
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }
            else if (!quoted && c == ':')
            {
                parts.Add(current.ToString());
                var parameters = parts.Skip(1).Select(Unquote).Order(StringComparer.OrdinalIgnoreCase);
                return string.Join(';', parts.Take(1).Concat(parameters)) + line[i..];
            }

            current.Append(c);
        }

        return line;
    }

    private static string Unquote(string parameter)
    {
        var eq = parameter.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return parameter;
        }

        var value = parameter[(eq + 1)..];
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"' && value.IndexOfAny([':', ';', ',']) < 0)
        {
            value = value[1..^1];
        }

        return parameter[..(eq + 1)] + value;
    }

    private static IEnumerable<string> Unfold(string item)
    {
        string? current = null;
        foreach (var raw in item.ReplaceLineEndings("\n").Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t') && current != null)
            {
                current += raw[1..];
                continue;
            }

            if (current != null)
            {
                yield return current;
            }

            current = raw;
        }

        if (current != null)
        {
            yield return current;
        }
    }
}
