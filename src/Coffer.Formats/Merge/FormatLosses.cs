namespace Coffer.Formats.Merge;

/// <summary>
/// A device that speaks an older format (vCard 2.1, vCalendar 1.0) gives back what it was given in that format's
/// terms: PRIORITY 7 as 3 and back as 9 (vCalendar 1.0 knows three priorities), a VALARM without its X- properties. Such a
/// field is the device saying "unchanged", not an edit: it stands for the field it was rendered from.
/// </summary>
internal static class FormatLosses
{
    /// <summary>
    /// <paramref name="device"/> with every field equal to a field of <paramref name="givenAsHeld"/> (the given copy written
    /// in the device's format and read back) replaced by the matching field of <paramref name="given"/>. Fields are matched
    /// by name and order among fields of that name; a name whose count the round trip changed is left alone.
    /// </summary>
    public static List<Field> Restore(IReadOnlyList<Field> device, IReadOnlyList<Field> given, IReadOnlyList<Field> givenAsHeld)
    {
        var originals = given.ToLookup(f => f.Name, StringComparer.Ordinal);
        var held = givenAsHeld.ToLookup(f => f.Name, StringComparer.Ordinal);
        var used = new HashSet<Field>(ReferenceEqualityComparer.Instance);
        var result = new List<Field>(device.Count);
        foreach (var field in device)
        {
            var from = originals[field.Name].ToList();
            var seen = held[field.Name].ToList();
            var match = from.Count == seen.Count ? seen.FindIndex(h => !used.Contains(h) && h.SameContent(field)) : -1;
            if (match < 0 || from[match].SameContent(field))
            {
                result.Add(field);
                continue;
            }

            used.Add(seen[match]);
            result.Add(from[match]);
        }

        return result;
    }
}
