using System.Security.Cryptography;
using Coffer.Formats.Calendar;
using Coffer.Formats.VCard;
using Coffer.Storage;

namespace Coffer.Sync.Tests.TestSupport;

/// <summary>
/// What an item means, independent of how it is written: the server stores vCards as 3.0 and calendars as iCalendar
/// 2.0 and renders them in the device's format, so tests compare items by meaning, not bytes. Both sides are parsed
/// with Coffer.Formats (VCardParser / CalendarParser: vCard 2.1 bare types, quoted-printable, vCalendar 1.0 all-day
/// and alarms all become one model) and reduced here to canonical lines, one per property occurrence. The reduction is
/// the test's own (no writer, no merge code): name, the parameters that carry meaning, and the value with trailing
/// empty components, line-end style and surrounding blanks removed.
/// </summary>
public static class ItemMeaning
{
    /// <summary>Parameters that only describe the transfer of a value, not the value (vCard 2.1 §2.1.3, vCalendar 1.0 §2.1.3).</summary>
    private static readonly HashSet<string> TransferParameters = new(StringComparer.OrdinalIgnoreCase) { "ENCODING", "CHARSET" };

    /// <summary>The meaning of an item of <paramref name="kind"/>; null when the kind is stored opaquely (compare bytes then).</summary>
    public static IReadOnlyList<MeaningLine>? Of(DatastoreKind kind, string? type, string text) =>
        type != null && type.StartsWith("text/x-s4j", StringComparison.OrdinalIgnoreCase) ? null : kind switch
        {
            DatastoreKind.Contacts => OfVCard(text),
            DatastoreKind.Events or DatastoreKind.Tasks => OfCalendar(text),
            DatastoreKind.Notes => [new MeaningLine("NOTE", "BODY", "BODY:" + Clean(text))],
            _ => null,
        };

    public static IReadOnlyList<MeaningLine> OfVCard(string text)
    {
        var cards = VCardParser.Parse(text);
        cards.Count.ShouldBe(1, "one vCard per item: " + text);
        return [.. cards[0].Properties.Select(p => new MeaningLine("VCARD", p.Name, VCardLine(p))).OrderBy(l => l.Text, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<MeaningLine> OfCalendar(string text)
    {
        var lines = new List<MeaningLine>();
        Collect(CalendarParser.Parse(text), "VCALENDAR", null, lines);
        return [.. lines.OrderBy(l => l.Text, StringComparer.Ordinal)];
    }

    /// <summary>
    /// What differs between <paramref name="expected"/> and <paramref name="actual"/>: a line of the expected item
    /// missing from the actual one (lost or changed) unless <paramref name="mayBeMissing"/> allows it, and a line of
    /// the actual item the expected one lacks (invented or changed) unless <paramref name="mayBeExtra"/> allows it.
    /// </summary>
    public static IReadOnlyList<string> Differences(
        IReadOnlyList<MeaningLine> expected, IReadOnlyList<MeaningLine> actual, Func<MeaningLine, bool>? mayBeMissing = null, Func<MeaningLine, bool>? mayBeExtra = null)
    {
        var left = actual.ToList();
        var differences = new List<string>();
        foreach (var line in expected)
        {
            var match = left.FindIndex(l => l.Text == line.Text);
            if (match >= 0)
            {
                left.RemoveAt(match);
            }
            else if (mayBeMissing?.Invoke(line) != true)
            {
                differences.Add("missing " + line.Text);
            }
        }

        differences.AddRange(left.Where(l => mayBeExtra?.Invoke(l) != true).Select(l => "unexpected " + l.Text));
        return differences;
    }

    /// <summary>The items (vCards) mean exactly the expected ones, in any order: nothing lost, changed or invented.</summary>
    public static void ShouldMeanTheSameCardsAs(this IEnumerable<string> actual, IEnumerable<string> expected)
    {
        static string Card(string text) => string.Join("\n", OfVCard(text).Select(l => l.Text));
        actual.Select(Card).ShouldBe(expected.Select(Card), ignoreOrder: true);
    }

    /// <summary>One vCard means exactly the expected one.</summary>
    public static void ShouldMeanTheSameCardAs(this string actual, string expected) => new[] { actual }.ShouldMeanTheSameCardsAs([expected]);

    private static void Collect(Coffer.Formats.Calendar.CalendarComponent component, string path, string? field, List<MeaningLine> lines)
    {
        foreach (var p in component.Properties)
        {
            var parameters = p.Parameters.Where(x => !TransferParameters.Contains(x.Name))
                .Select(x => x.Name + "=" + string.Join(",", x.Values.Select(v => v.ToUpperInvariant()).Order(StringComparer.Ordinal)))
                .Order(StringComparer.Ordinal);
            var text = path + "/" + p.Name + string.Concat(parameters.Select(x => ";" + x)) + ":" + Clean(p.Value);
            lines.Add(new MeaningLine(path, field ?? p.Name, text));
        }

        // Sub-components (VEVENT, VTODO, VALARM, VTIMEZONE) are numbered per name: a nested component is one field of
        // its parent (docs/field-level-merge.md), so its lines carry its own name as the field.
        foreach (var group in component.Components.GroupBy(c => c.Name))
        {
            var i = 0;
            foreach (var child in group)
            {
                var nested = field ?? (path == "VCALENDAR" && child.Name != "VTIMEZONE" ? null : child.Name);
                Collect(child, path + "/" + child.Name + "#" + i++, nested, lines);
            }
        }
    }

    private static string VCardLine(VCardProperty p)
    {
        var types = p.Types.Select(t => t.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        if (p.GetParameter("PREF") is not null && !types.Contains("PREF"))
        {
            // vCard 4.0 PREF=1 is 2.1/3.0 TYPE=PREF (RFC 6350 §5.3).
            types = [.. types.Append("PREF").Order(StringComparer.Ordinal)];
        }

        var value = p.Binary is { } bytes
            ? "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)) + " " + p.MediaType
            : string.Join(";", TrimEnd(p.Values.Select(c => string.Join(",", c.Select(Clean))).ToList()));
        return p.Name + (types.Count > 0 ? ";TYPE=" + string.Join(",", types) : string.Empty) + ":" + value;
    }

    private static IEnumerable<string> TrimEnd(List<string> components)
    {
        while (components.Count > 0 && components[^1].Length == 0)
        {
            components.RemoveAt(components.Count - 1);
        }

        return components;
    }

    private static string Clean(string value) => value.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
