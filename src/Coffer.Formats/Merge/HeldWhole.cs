namespace Coffer.Formats.Merge;

/// <summary>
/// Whether a device can hold a stored vCard 3.0 exactly as it is: every property is in its capabilities and no property
/// occurs more often than its MaxOccur, so <see cref="FieldMerge.TrimInPlace"/> would remove nothing. Read from the
/// content lines' names only (no parse), for rendering a stored card to a device that takes vCard 3.0 (seed 000 §4.3).
/// Conservative: anything it does not recognise as one plain vCard 3.0 answers false, and the caller trims as usual.
/// </summary>
public static class HeldWhole
{
    public static bool VCard30(string text, DeviceCapabilities caps)
    {
        // Distinct names in order with their counts; a card has a few dozen lines at most.
        Span<Range> names = stackalloc Range[64];
        Span<int> counts = stackalloc int[64];
        var distinct = 0;
        var begins = 0;
        var ends = 0;
        var version = false;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range).TrimEnd('\r');
            if (line.IsEmpty || line[0] is ' ' or '\t')
            {
                continue; // a folded line's continuation (RFC 2425 §5.8.1)
            }

            var end = line.IndexOfAny(';', ':');
            if (end <= 0)
            {
                return false;
            }

            var name = line[..end];
            if (name.Contains('.'))
            {
                // Grouped ("item1.TEL"): the name is what follows the group (RFC 2426 §4 "group").
                var dot = name.IndexOf('.');
                name = name[(dot + 1)..];
                if (name.IsEmpty || name.Contains('.'))
                {
                    return false;
                }
            }

            if (name.Equals("BEGIN", StringComparison.OrdinalIgnoreCase))
            {
                begins++;
                continue;
            }

            if (name.Equals("END", StringComparison.OrdinalIgnoreCase))
            {
                ends++;
                continue;
            }

            if (name.Equals("VERSION", StringComparison.OrdinalIgnoreCase))
            {
                version = line[end..].SequenceEqual(":3.0");
                continue;
            }

            var at = IndexOf(text, names[..distinct], name);
            if (at >= 0)
            {
                counts[at]++;
                continue;
            }

            if (distinct == names.Length)
            {
                return false;
            }

            var start = range.Start.GetOffset(text.Length) + end - name.Length;
            names[distinct] = new Range(start, start + name.Length);
            counts[distinct++] = 1;
        }

        if (begins != 1 || ends != 1 || !version)
        {
            return false;
        }

        for (var i = 0; i < distinct && !caps.IsUnlimited; i++)
        {
            var cap = caps.Find(text[names[i]]);
            if (cap == null || (cap.MaxOccur is > 0 && counts[i] > cap.MaxOccur.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOf(string text, ReadOnlySpan<Range> names, ReadOnlySpan<char> name)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (text.AsSpan(names[i]).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
