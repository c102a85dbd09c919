using System.Text;

namespace Coffer.Sip.Parsing;

/// <summary>
/// Splits a list header field value at its commas (RFC 3261 §7.3.1), never at a comma inside a quoted string or
/// between angle brackets (a display name "Bell, Alexander", a URI with a comma in its user part).
/// </summary>
internal static class HeaderListSplitter
{
    public static List<string> Split(string value)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var angle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quoted)
            {
                current.Append(c);
                if (c == '\\' && i + 1 < value.Length)
                {
                    current.Append(value[++i]);
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                continue;
            }
            switch (c)
            {
                case '"' when !angle:
                    quoted = true;
                    break;
                case '<':
                    angle = true;
                    break;
                case '>':
                    angle = false;
                    break;
                case ',' when !angle:
                    parts.Add(current.ToString().Trim());
                    current.Clear();
                    continue;
            }
            current.Append(c);
        }
        parts.Add(current.ToString().Trim());
        return parts;
    }
}
