using System.Text;
using System.Text.RegularExpressions;
using Coffer.TestData;

namespace Coffer.Sync.Tests;

/// <summary>
/// The items of SyncEvolution's client-test files, and a test-side normal form of content lines written
/// independently of Coffer.Formats: unfolded, names and parameters upper case, parameter lists split and sorted,
/// bare vCard 2.1 parameters read as TYPE, ENCODING/CHARSET dropped, TEXT unescaped, one entry per property
/// tagged with its component path.
/// </summary>
internal static partial class TestCaseItems
{
    public static List<string> Items(string file)
    {
        var text = File.ReadAllText(TestDataPaths.Path("syncevolution-testcases", file)).ReplaceLineEndings("\r\n");
        var kind = file.EndsWith(".vcf", StringComparison.Ordinal) ? "VCARD" : "VCALENDAR";
        var items = new List<string>();
        var start = -1;
        var lines = text.Split("\r\n");
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] == "BEGIN:" + kind)
            {
                start = i;
            }
            else if (lines[i] == "END:" + kind && start >= 0)
            {
                items.Add(string.Join("\r\n", lines[start..(i + 1)]) + "\r\n");
                start = -1;
            }
        }

        return items;
    }

    public static List<string> Entries(string text)
    {
        var unfolded = UnfoldRegex().Replace(text.ReplaceLineEndings("\n"), string.Empty);
        var path = new List<string>();
        var result = new List<string>();
        foreach (var line in unfolded.Split('\n'))
        {
            if (line.Trim().Length == 0 || !line.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            var (name, parameters, value) = Split(line);
            if (name == "BEGIN")
            {
                path.Add(value.Trim().ToUpperInvariant());
                continue;
            }

            if (name == "END")
            {
                path.RemoveAt(path.Count - 1);
                continue;
            }

            result.Add($"{string.Join('/', path)}|{name}|{string.Join(';', parameters.Order(StringComparer.Ordinal))}|{value}");
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>Entries of <paramref name="expected"/> missing from <paramref name="actual"/> (multiset difference).</summary>
    public static List<string> Missing(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var rest = actual.ToList();
        return [.. expected.Where(e => !rest.Remove(e))];
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
                    break;
                }
            }
        }

        var name = parts[0].ToUpperInvariant();
        var parameters = new List<string>();
        var binary = false;
        foreach (var p in parts.Skip(1))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            var pname = eq < 0 ? "TYPE" : p[..eq].ToUpperInvariant();
            var values = eq < 0 ? p : p[(eq + 1)..];
            if (pname is "ENCODING" or "CHARSET")
            {
                binary |= values.Equals("b", StringComparison.OrdinalIgnoreCase) || values.Equals("BASE64", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            parameters.AddRange(values.Replace("\"", string.Empty, StringComparison.Ordinal).Split(',').Select(v => pname + "=" + v.ToUpperInvariant()));
        }

        var value = line[start..];
        return (name, parameters, binary ? string.Concat(value.Where(c => !char.IsWhiteSpace(c))) : Unescape(value));
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

    [GeneratedRegex("\n[ \t]")]
    private static partial Regex UnfoldRegex();
}
