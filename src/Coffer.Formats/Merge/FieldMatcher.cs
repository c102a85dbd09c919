namespace Coffer.Formats.Merge;

/// <summary>
/// Pairs the fields of two versions of one item: identical occurrences first (so a reordering or a deletion does not
/// look like a change of every later field), then same name and TYPE set in order (a changed value), then same
/// name and value (changed TYPEs), then single-valued properties by name.
/// </summary>
internal static class FieldMatcher
{
    /// <summary>For each field of <paramref name="a"/> the index of its counterpart in <paramref name="b"/>, or -1.</summary>
    public static int[] Match(IReadOnlyList<Field> a, IReadOnlyList<Field> b, IFieldSchema schema)
    {
        var map = new int[a.Count];
        Array.Fill(map, -1);
        var used = new bool[b.Count];
        Pass((x, y) => x.SameContent(y));
        Pass((x, y) => x.Name == y.Name && x.Types == y.Types);
        Pass((x, y) => x.Name == y.Name && x.Value == y.Value);
        Pass((x, y) => x.Name == y.Name && schema.IsSingle(x.Name));
        return map;

        void Pass(Func<Field, Field, bool> equal)
        {
            for (var i = 0; i < a.Count; i++)
            {
                if (map[i] >= 0)
                {
                    continue;
                }

                for (var j = 0; j < b.Count; j++)
                {
                    if (!used[j] && equal(a[i], b[j]))
                    {
                        map[i] = j;
                        used[j] = true;
                        break;
                    }
                }
            }
        }
    }

    /// <summary>The inverse of a <see cref="Match"/> map: for each field of b the index in a, or -1.</summary>
    public static int[] Invert(int[] map, int count)
    {
        var inverse = new int[count];
        Array.Fill(inverse, -1);
        for (var i = 0; i < map.Length; i++)
        {
            if (map[i] >= 0)
            {
                inverse[map[i]] = i;
            }
        }

        return inverse;
    }

    /// <summary>The key of field <paramref name="index"/>: its ordinal among earlier fields with the same name and TYPE set.</summary>
    public static FieldKey KeyOf(IReadOnlyList<Field> fields, int index)
    {
        var f = fields[index];
        var ordinal = 0;
        for (var i = 0; i < index; i++)
        {
            if (fields[i].Name == f.Name && fields[i].Types == f.Types)
            {
                ordinal++;
            }
        }

        return new FieldKey(f.Name, f.Types, ordinal);
    }
}
