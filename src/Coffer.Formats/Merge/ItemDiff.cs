using Coffer.Formats.Calendar;
using VCardItem = Coffer.Formats.VCard.VCard;

namespace Coffer.Formats.Merge;

/// <summary>Which fields were added, removed or changed between two versions of one item (seed 000 §4.3).</summary>
public sealed class ItemDiff
{
    private ItemDiff(IReadOnlyList<FieldChange> changes)
    {
        Changes = changes;
    }

    public IReadOnlyList<FieldChange> Changes { get; }

    public bool IsEmpty => Changes.Count == 0;

    public IEnumerable<FieldChange> Added => Changes.Where(c => c.Kind == FieldChangeKind.Added);

    public IEnumerable<FieldChange> Removed => Changes.Where(c => c.Kind == FieldChangeKind.Removed);

    public IEnumerable<FieldChange> Changed => Changes.Where(c => c.Kind == FieldChangeKind.Changed);

    public static ItemDiff Compute(VCardItem old, VCardItem now) =>
        new(FieldAlgebra.Diff(VCardFields.Of(old), VCardFields.Of(now), VCardFields.Schema));

    /// <summary>
    /// Calendar objects are compared item by item (component and RECURRENCE-ID). Fields of the first item are named
    /// plainly ("SUMMARY"), those of the others "VEVENT[RECURRENCE-ID]/SUMMARY"; a whole item added or removed is one change.
    /// </summary>
    public static ItemDiff Compute(CalendarDocument old, CalendarDocument now)
    {
        var a = CalendarItems.Of(old);
        var b = CalendarItems.Of(now);
        var first = a.Keys.Concat(b.Keys).FirstOrDefault();
        var changes = new List<FieldChange>();
        foreach (var key in a.Keys.Concat(b.Keys).Distinct())
        {
            a.TryGetValue(key, out var x);
            b.TryGetValue(key, out var y);
            var label = Label(key);
            if (x == null || y == null)
            {
                changes.Add(new FieldChange(x == null ? FieldChangeKind.Added : FieldChangeKind.Removed, new FieldKey(label, string.Empty, 0), null, null));
                continue;
            }

            foreach (var c in FieldAlgebra.Diff(x.Fields, y.Fields, CalendarFields.Schema))
            {
                changes.Add(key == first ? c : c with { Key = c.Key with { Name = label + "/" + c.Key.Name } });
            }
        }

        return new ItemDiff(changes);
    }

    private static string Label(string key)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 || bar == key.Length - 1 ? key.TrimEnd('|') : $"{key[..bar]}[{key[(bar + 1)..]}]";
    }
}
