namespace Coffer.Formats.Merge;

/// <summary>The format-independent field operations behind <see cref="FieldMerge"/> and <see cref="ItemDiff"/>.</summary>
internal static class FieldAlgebra
{
    public static List<FieldChange> Diff(IReadOnlyList<Field> old, IReadOnlyList<Field> now, IFieldSchema schema)
    {
        var map = FieldMatcher.Match(old, now, schema);
        var changes = new List<FieldChange>();
        for (var i = 0; i < old.Count; i++)
        {
            if (map[i] < 0)
            {
                changes.Add(new FieldChange(FieldChangeKind.Removed, FieldMatcher.KeyOf(old, i), Show(old[i]), null));
            }
            else if (!old[i].SameContent(now[map[i]]))
            {
                changes.Add(new FieldChange(FieldChangeKind.Changed, FieldMatcher.KeyOf(old, i), Show(old[i]), Show(now[map[i]])));
            }
        }

        var inverse = FieldMatcher.Invert(map, now.Count);
        for (var j = 0; j < now.Count; j++)
        {
            if (inverse[j] < 0)
            {
                changes.Add(new FieldChange(FieldChangeKind.Added, FieldMatcher.KeyOf(now, j), null, Show(now[j])));
            }
        }

        return changes;
    }

    /// <summary>
    /// Three-way merge (seed 000 §4.3): a field changed on one side only is taken from that side; changed on both
    /// sides to different values it follows <paramref name="policy"/> and is reported. The server's layout is kept;
    /// fields the device added go after the last field of their name.
    /// </summary>
    public static List<Field> ThreeWay(
        IReadOnlyList<Field> b, IReadOnlyList<Field> s, IReadOnlyList<Field> d, IFieldSchema schema, MergePolicy policy, List<MergeConflict> conflicts)
    {
        var deviceWins = policy == MergePolicy.DeviceWins;
        var mS = FieldMatcher.Match(b, s, schema);
        var mD = FieldMatcher.Match(b, d, schema);
        var baseOfS = FieldMatcher.Invert(mS, s.Count);
        var baseOfD = FieldMatcher.Invert(mD, d.Count);
        var result = new List<Field>(s.Count + d.Count);
        for (var j = 0; j < s.Count; j++)
        {
            var sf = s[j];
            var i = baseOfS[j];
            if (i < 0)
            {
                result.Add(sf);
                continue;
            }

            var sChanged = !b[i].SameContent(sf);
            if (mD[i] < 0)
            {
                // Deleted on the device: a server change to the same field is a conflict.
                if (sChanged && !schema.IsVolatile(sf.Name))
                {
                    conflicts.Add(new MergeConflict(FieldMatcher.KeyOf(b, i), Show(sf), null, deviceWins));
                    if (!deviceWins)
                    {
                        result.Add(sf);
                    }
                }

                continue;
            }

            var df = d[mD[i]];
            var dChanged = !b[i].SameContent(df);
            if (!dChanged)
            {
                result.Add(sf);
            }
            else if (!sChanged || sf.SameContent(df) || schema.IsVolatile(sf.Name))
            {
                result.Add(df);
            }
            else
            {
                conflicts.Add(new MergeConflict(FieldMatcher.KeyOf(b, i), Show(sf), Show(df), deviceWins));
                result.Add(deviceWins ? df : sf);
            }
        }

        for (var i = 0; i < b.Count; i++)
        {
            if (mS[i] < 0 && mD[i] >= 0 && !b[i].SameContent(d[mD[i]]) && !schema.IsVolatile(b[i].Name))
            {
                // Deleted on the server, changed on the device.
                var df = d[mD[i]];
                conflicts.Add(new MergeConflict(FieldMatcher.KeyOf(b, i), null, Show(df), deviceWins));
                if (deviceWins)
                {
                    InsertNear(result, df);
                }
            }
        }

        for (var k = 0; k < d.Count; k++)
        {
            if (baseOfD[k] < 0)
            {
                AddFromDevice(result, d[k], schema, deviceWins, conflicts);
            }
        }

        return result;
    }

    /// <summary>
    /// Without a base (slow-sync twins): every field of both sides, multi-valued ones without duplicates
    /// (normalized compare), single-valued ones from the winner of <paramref name="policy"/>.
    /// </summary>
    public static List<Field> Union(IReadOnlyList<Field> s, IReadOnlyList<Field> d, IFieldSchema schema, MergePolicy policy, List<MergeConflict> conflicts)
    {
        var result = s.ToList();
        foreach (var df in d)
        {
            AddFromDevice(result, df, schema, policy == MergePolicy.DeviceWins, conflicts);
        }

        return result;
    }

    /// <summary>
    /// What a device can hold: supported fields only, at most MaxOccur of each name, preferred ones first, then in
    /// order (OMA-TS-DS_DevInf-V1_2 §5 Property/MaxOccur). The kept fields stay in their original order.
    /// </summary>
    public static List<Field> Trim(IReadOnlyList<Field> fields, DeviceCapabilities caps, IFieldSchema schema)
    {
        if (caps.IsUnlimited)
        {
            return [.. fields];
        }

        var keep = Held(fields, caps, schema, _ => false);
        return [.. fields.Where((_, i) => keep[i])];
    }

    /// <summary>
    /// The device's version laid over the full copy it was rendered from (seed 000 §4.3 Field Level Change): the
    /// fields the device was shown are replaced by what it sent back; fields it cannot hold and occurrences beyond
    /// its MaxOccur stay from <paramref name="full"/>, as if the device had kept them unchanged.
    /// </summary>
    public static List<Field> ApplyDeviceView(IReadOnlyList<Field> full, IReadOnlyList<Field> device, DeviceCapabilities caps, IFieldSchema schema)
    {
        if (caps.IsUnlimited)
        {
            return [.. device];
        }

        // A property the device sends is one it holds, whatever its CTCap says.
        var sent = device.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var held = Held(full, caps, schema, sent.Contains);
        var heldList = full.Where((_, i) => held[i]).ToList();
        var map = FieldMatcher.Match(heldList, device, schema);
        var result = new List<Field>(full.Count + device.Count);
        var h = 0;
        for (var i = 0; i < full.Count; i++)
        {
            if (!held[i])
            {
                result.Add(full[i]);
                continue;
            }

            var k = map[h++];
            if (k >= 0)
            {
                // What the device merely could not keep whole (a shortened value, a dropped TYPE) is no change.
                result.Add(Equivalent(full[i], device[k], caps, schema) ? full[i] : device[k]);
            }
        }

        var inverse = FieldMatcher.Invert(map, device.Count);
        for (var k = 0; k < device.Count; k++)
        {
            if (inverse[k] < 0)
            {
                InsertNear(result, device[k]);
            }
        }

        return result;
    }

    /// <summary>Whether the device, holding <paramref name="device"/>, would see something different in <paramref name="item"/>.</summary>
    public static bool DiffersOnDevice(IReadOnlyList<Field> item, IReadOnlyList<Field> device, DeviceCapabilities caps, IFieldSchema schema)
    {
        var a = Signatures(Trim(item, caps, schema), caps, schema);
        var b = Signatures(Trim(device, caps, schema), caps, schema);
        return !a.SequenceEqual(b, StringComparer.Ordinal);
    }

    public static bool Differ(IReadOnlyList<Field> a, IReadOnlyList<Field> b, IFieldSchema schema) =>
        !Signatures(a, DeviceCapabilities.Everything, schema).SequenceEqual(Signatures(b, DeviceCapabilities.Everything, schema), StringComparer.Ordinal);

    public static string Show(Field f) => f.Types.Length == 0 ? f.Value : $"[{f.Types}] {f.Value}";

    private static List<string> Signatures(IReadOnlyList<Field> fields, DeviceCapabilities caps, IFieldSchema schema)
    {
        var list = new List<string>(fields.Count);
        foreach (var f in fields)
        {
            if (schema.IsVolatile(f.Name))
            {
                continue;
            }

            var types = string.Join(',', f.TypeSet.Where(t => caps.CanHoldType(f.Name, t)));
            var max = caps.IsUnlimited ? null : schema.Find(caps, f.Name)?.MaxSize;
            var value = max is > 0 && f.Value.Length > max ? f.Value[..max.Value] : f.Value;
            list.Add(f.Name + "|" + types + "|" + value);
        }

        list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static bool Equivalent(Field full, Field device, DeviceCapabilities caps, IFieldSchema schema)
    {
        if (full.SameContent(device))
        {
            return true;
        }

        if (full.Name != device.Name)
        {
            return false;
        }

        var max = schema.Find(caps, full.Name)?.MaxSize;
        var sameValue = full.Value == device.Value
            || (max is > 0 && full.Value.Length > max && device.Value.Length > 0 && full.Value.StartsWith(device.Value, StringComparison.Ordinal));
        if (!sameValue)
        {
            return false;
        }

        var fullTypes = full.TypeSet.ToHashSet(StringComparer.Ordinal);
        var deviceTypes = device.TypeSet.ToList();
        return deviceTypes.All(fullTypes.Contains) && fullTypes.Except(deviceTypes).All(t => !caps.CanHoldType(full.Name, t));
    }

    private static bool[] Held(IReadOnlyList<Field> fields, DeviceCapabilities caps, IFieldSchema schema, Func<string, bool> sentByDevice) =>
        Held(fields.Select(f => (f.Name, f.Preferred)).ToList(), caps, schema, sentByDevice);

    /// <summary>
    /// Which fields a device holds: per name, the preferred ones first, then in order, up to MaxOccur. Only names and
    /// preference matter, so a caller that has not built <see cref="Field"/>s (rendering) passes just those.
    /// </summary>
    internal static bool[] Held(IReadOnlyList<(string Name, bool Preferred)> fields, DeviceCapabilities caps, IFieldSchema schema, Func<string, bool> sentByDevice)
    {
        // Runs once per item rendered; a card has a few dozen properties at most, so the quadratic name scans below
        // are cheaper than grouping (no allocation but the result).
        var keep = new bool[fields.Count];
        for (var first = 0; first < fields.Count; first++)
        {
            var name = fields[first].Name;
            if (SeenBefore(fields, first))
            {
                continue;
            }

            var cap = schema.Find(caps, name);
            if (cap == null && !sentByDevice(name))
            {
                continue;
            }

            // Preferred occurrences first, then the rest, each in order, up to MaxOccur.
            var room = cap?.MaxOccur is > 0 ? cap.MaxOccur.Value : int.MaxValue;
            room = Mark(fields, first, name, preferred: true, room, keep);
            Mark(fields, first, name, preferred: false, room, keep);
        }

        return keep;
    }

    private static bool SeenBefore(IReadOnlyList<(string Name, bool Preferred)> fields, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (string.Equals(fields[i].Name, fields[index].Name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int Mark(IReadOnlyList<(string Name, bool Preferred)> fields, int first, string name, bool preferred, int room, bool[] keep)
    {
        for (var i = first; i < fields.Count && room > 0; i++)
        {
            if (fields[i].Preferred == preferred && string.Equals(fields[i].Name, name, StringComparison.Ordinal))
            {
                keep[i] = true;
                room--;
            }
        }

        return room;
    }

    private static void AddFromDevice(List<Field> result, Field df, IFieldSchema schema, bool deviceWins, List<MergeConflict> conflicts)
    {
        if (result.Any(r => r.Name == df.Name && r.Value == df.Value))
        {
            return;
        }

        var index = schema.IsSingle(df.Name) ? result.FindIndex(r => r.Name == df.Name) : -1;
        if (index < 0)
        {
            InsertNear(result, df);
            return;
        }

        if (!schema.IsVolatile(df.Name))
        {
            conflicts.Add(new MergeConflict(new FieldKey(df.Name, df.Types, 0), Show(result[index]), Show(df), deviceWins));
        }

        if (deviceWins)
        {
            result[index] = df;
        }
    }

    private static void InsertNear(List<Field> result, Field f)
    {
        var last = result.FindLastIndex(r => r.Name == f.Name);
        result.Insert(last < 0 ? result.Count : last + 1, f);
    }
}
