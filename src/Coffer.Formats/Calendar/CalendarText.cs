using System.Text;

namespace Coffer.Formats.Calendar;

/// <summary>TEXT escaping of RFC 5545 §3.3.11 ("\\", "\;", "\,", "\n").</summary>
internal static class CalendarText
{
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case ';': sb.Append("\\;"); break;
                case ',': sb.Append("\\,"); break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n': break;
                case '\r' or '\n': sb.Append("\\n"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Unescapes; an unknown escape keeps its character (what real producers mean by it).</summary>
    public static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                var n = value[++i];
                sb.Append(n is 'n' or 'N' ? '\n' : n);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Splits at unescaped <paramref name="separator"/>, then unescapes each item.</summary>
    public static List<string> SplitList(string value, char separator = ',')
    {
        var items = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == separator)
            {
                items.Add(Unescape(value[start..i]));
                start = i + 1;
            }
        }

        items.Add(Unescape(value[start..]));
        return items;
    }

    /// <summary>Splits at unescaped <paramref name="separator"/> keeping escapes (for vCalendar 1.0 compound values).</summary>
    public static List<string> SplitRaw(string value, char separator)
    {
        var items = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] == separator)
            {
                i++;
            }
            else if (value[i] == separator)
            {
                items.Add(value[start..i]);
                start = i + 1;
            }
        }

        items.Add(value[start..]);
        return items;
    }
}
