using System.Text;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// Items of SyncEvolution's own test case files (shared/testdata/syncevolution-testcases): each file is a sequence
/// of top-level objects (BEGIN:VCARD…END:VCARD or BEGIN:VCALENDAR…END:VCALENDAR) separated by blank lines.
/// </summary>
public static class TestCaseItems
{
    /// <summary>The top-level <paramref name="component"/> objects of <paramref name="text"/>, each with CRLF line ends.</summary>
    public static IReadOnlyList<string> Split(string text, string component)
    {
        var items = new List<string>();
        StringBuilder? current = null;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (current == null && line.Equals("BEGIN:" + component, StringComparison.OrdinalIgnoreCase))
            {
                current = new StringBuilder();
            }

            if (current == null)
            {
                continue;
            }

            current.Append(line).Append("\r\n");
            if (line.Equals("END:" + component, StringComparison.OrdinalIgnoreCase))
            {
                items.Add(current.ToString());
                current = null;
            }
        }

        return items;
    }

    /// <summary>
    /// A VJOURNAL memo as the text/plain item SyncEvolution's memo backend makes of it (EvolutionMemoSource): the
    /// DESCRIPTION is the text; with no DESCRIPTION the SUMMARY is; a SUMMARY that is not the DESCRIPTION's first line
    /// is put in front of it as its own line. Values are unfolded and unescaped (RFC 5545 §3.1, §3.3.11).
    /// </summary>
    public static string MemoText(string vcalendar)
    {
        string? summary = null;
        string? description = null;
        foreach (var line in Unfold(vcalendar))
        {
            if (line.StartsWith("SUMMARY", StringComparison.OrdinalIgnoreCase) && line.IndexOf(':', StringComparison.Ordinal) is var s and > 0 && line[..s].Split(';')[0].Equals("SUMMARY", StringComparison.OrdinalIgnoreCase))
            {
                summary = UnescapeText(line[(s + 1)..]);
            }
            else if (line.StartsWith("DESCRIPTION", StringComparison.OrdinalIgnoreCase) && line.IndexOf(':', StringComparison.Ordinal) is var d and > 0 && line[..d].Split(';')[0].Equals("DESCRIPTION", StringComparison.OrdinalIgnoreCase))
            {
                description = UnescapeText(line[(d + 1)..]);
            }
        }

        if (string.IsNullOrEmpty(description))
        {
            return summary ?? string.Empty;
        }

        var firstLine = description.Split('\n')[0];
        return !string.IsNullOrEmpty(summary) && summary != firstLine ? summary + "\n" + description : description;
    }

    private static IEnumerable<string> Unfold(string text)
    {
        string? current = null;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
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

    // RFC 5545 §3.3.11: \n or \N is a line break, \\ \; \, stand for themselves.
    private static string UnescapeText(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                builder.Append(value[i] is 'n' or 'N' ? '\n' : value[i]);
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }
}
