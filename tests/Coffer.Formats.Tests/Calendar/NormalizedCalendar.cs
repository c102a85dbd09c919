using System.Text;

namespace Coffer.Formats.Tests.Calendar;

/// <summary>
/// Test-side normal form of calendar text, written independently of the parser under test: unfolded,
/// TEXT unescaped, parameter names and values upper-cased and sorted, one entry per property tagged with
/// its component path; compared order-insensitively.
/// </summary>
internal static class NormalizedCalendar
{
    public static List<string> From(string text)
    {
        var unfolded = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n ", string.Empty, StringComparison.Ordinal)
            .Replace("\n\t", string.Empty, StringComparison.Ordinal);
        var path = new List<string>();
        var result = new List<string>();
        foreach (var line in unfolded.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var (name, parameters, value) = Split(line);
            if (name == "BEGIN")
            {
                path.Add(value.ToUpperInvariant());
                continue;
            }

            if (name == "END")
            {
                path.RemoveAt(path.Count - 1);
                continue;
            }

            result.Add($"{string.Join('/', path)}|{name}|{string.Join(';', parameters.Order(StringComparer.Ordinal))}|{Unescape(value)}");
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>Entries of <paramref name="expected"/> missing from <paramref name="actual"/> (multiset difference).</summary>
    public static List<string> Missing(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var rest = actual.ToList();
        var missing = new List<string>();
        foreach (var e in expected)
        {
            if (!rest.Remove(e))
            {
                missing.Add(e);
            }
        }

        return missing;
    }

    private static (string Name, List<string> Parameters, string Value) Split(string line)
    {
        var inQuotes = false;
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && (c == ';' || c == ':'))
            {
                parts.Add(line[start..i]);
                start = i + 1;
                if (c == ':')
                {
                    var value = line[start..];
                    var name = parts[0].ToUpperInvariant();
                    var parameters = parts.Skip(1).Select(p => p.Replace("\"", string.Empty, StringComparison.Ordinal).ToUpperInvariant()).ToList();
                    return (name, parameters, value);
                }
            }
        }

        throw new FormatException("Not a content line: " + line);
    }

    private static string Unescape(string value)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var n = value[++i];
                sb.Append(n is 'n' or 'N' ? '\n' : n);
            }
            else
            {
                sb.Append(value[i]);
            }
        }

        return sb.ToString();
    }
}
