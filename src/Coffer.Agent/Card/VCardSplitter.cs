using System.Text;

namespace Coffer.Agent.Card;

/// <summary>
/// The vCards of a .vcf file, one string each from BEGIN:VCARD to END:VCARD with CRLF line ends (RFC 6350 §3.2); what
/// lies outside them is ignored.
/// </summary>
public static class VCardSplitter
{
    public static IEnumerable<string> Split(string text)
    {
        StringBuilder? current = null;
        var depth = 0;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Equals("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase))
            {
                // An AGENT property may nest a vCard (vCard 2.1/3.0): it stays inside its parent.
                current ??= new StringBuilder();
                depth++;
            }

            if (current == null)
            {
                continue;
            }

            current.Append(line).Append("\r\n");
            if (trimmed.Equals("END:VCARD", StringComparison.OrdinalIgnoreCase) && --depth == 0)
            {
                yield return current.ToString();
                current = null;
            }
        }
    }
}
