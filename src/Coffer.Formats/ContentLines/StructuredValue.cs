using System.Text;

namespace Coffer.Formats.ContentLines;

/// <summary>
/// Compound values: components separated by ";" each holding a ","-separated list (N, ADR, ORG, GENDER;
/// RFC 6350 §3.3 "component"/"list-component", RFC 2426 §4). Legacy (vCard 2.1) has no lists: commas are text.
/// </summary>
public static class StructuredValue
{
    /// <summary>Splits a raw (escaped) value into unescaped components and their list items.</summary>
    public static List<List<string>> Split(string raw, EscapeStyle style, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var result = new List<List<string>>();
        SplitInto(result, raw, style, compliance);
        return result;
    }

    /// <summary><see cref="Split"/>, appending the components to <paramref name="target"/>.</summary>
    public static void SplitInto(List<List<string>> target, string raw, EscapeStyle style, ParserCompliance compliance = ParserCompliance.Loose)
    {
        if (raw.AsSpan().IndexOfAny('\\', ',') < 0)
        {
            // Nothing escaped and no lists (N, ADR, ORG as phones send them): the components are plain slices.
            var start = 0;
            for (var i = raw.IndexOf(';'); i >= 0; i = raw.IndexOf(';', start))
            {
                target.Add([raw[start..i]]);
                start = i + 1;
            }

            target.Add([start == 0 ? raw : raw[start..]]);
            return;
        }

        foreach (var component in SplitRaw(raw, ';'))
        {
            if (style != EscapeStyle.Rfc || !component.Contains(','))
            {
                target.Add([TextEscaping.Unescape(component, style, compliance)]);
                continue;
            }

            var items = SplitRaw(component, ',');
            for (var i = 0; i < items.Count; i++)
            {
                items[i] = TextEscaping.Unescape(items[i], style, compliance);
            }

            target.Add(items);
        }
    }

    /// <summary>Splits a raw value into unescaped items on one separator (CATEGORIES, NICKNAME: ",").</summary>
    public static List<string> SplitList(string raw, char separator, EscapeStyle style, ParserCompliance compliance = ParserCompliance.Loose) =>
        [.. SplitRaw(raw, separator).Select(i => TextEscaping.Unescape(i, style, compliance))];

    /// <summary>Joins components (each a list of items) into an escaped raw value; Legacy joins list items with ",".</summary>
    public static string Join(IEnumerable<IReadOnlyList<string>> components, EscapeStyle style) =>
        AppendJoined(new StringBuilder(), components as IReadOnlyList<IReadOnlyList<string>> ?? [.. components], style).ToString();

    /// <summary>Appends what <see cref="Join"/> returns, without an intermediate string.</summary>
    public static StringBuilder AppendJoined(StringBuilder sb, IReadOnlyList<IReadOnlyList<string>> components, EscapeStyle style)
    {
        for (var c = 0; c < components.Count; c++)
        {
            if (c > 0)
            {
                sb.Append(';');
            }

            var items = components[c];
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                TextEscaping.AppendEscaped(sb, items[i], style);
            }
        }

        return sb;
    }

    /// <summary>Splits on unescaped <paramref name="separator"/>, keeping escapes in the pieces.</summary>
    public static List<string> SplitRaw(string raw, char separator)
    {
        if (!raw.Contains(separator))
        {
            return [raw];
        }

        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\')
            {
                i++;
            }
            else if (raw[i] == separator)
            {
                parts.Add(raw[start..i]);
                start = i + 1;
            }
        }

        parts.Add(raw[start..]);
        return parts;
    }
}
