using Coffer.Formats.Calendar;
using VCardItem = Coffer.Formats.VCard.VCard;

namespace Coffer.Formats.Merge;

/// <summary>
/// Field-level merge of contacts and calendar items (seed 000 §4.3 "Field Level Change"). A field is one property
/// occurrence (<see cref="FieldKey"/>). A device's version only speaks for the fields the device can hold
/// (<see cref="DeviceCapabilities"/>, from its DevInf CTCap, OMA-TS-DS_DevInf-V1_2 §5): everything else stays from
/// the server copy. Null capabilities mean the device holds everything. Pure: no I/O, inputs are not modified.
/// </summary>
public static class FieldMerge
{
    private static readonly Func<string, bool> NothingSent = _ => false;

    /// <summary>
    /// Three-way merge of a device's version into the server copy. <paramref name="baseCard"/> is the version the
    /// device last had (null when unknown, e.g. slow-sync twins: then the union of both sides is taken).
    /// </summary>
    public static FieldMergeResult<VCardItem> Merge(VCardItem? baseCard, VCardItem server, VCardItem device, DeviceCapabilities? caps, MergePolicy policy = MergePolicy.DeviceWins)
    {
        caps ??= DeviceCapabilities.Everything;
        var schema = VCardFields.Schema;
        var s = VCardFields.Of(server);
        var d = VCardFields.Of(device);
        var (result, conflicts, serverChanged, deviceChanged) = MergeFields(baseCard == null ? null : VCardFields.Of(baseCard), s, d, caps, policy, schema);
        var needsUpdate = FieldAlgebra.DiffersOnDevice(result, d, caps, schema);
        return new FieldMergeResult<VCardItem>(VCardFields.Build(server, result), conflicts, serverChanged, deviceChanged, needsUpdate);
    }

    /// <summary>What the device can hold of <paramref name="card"/>: supported properties, at most MaxOccur of each (preferred first, then in order).</summary>
    public static VCardItem Trim(VCardItem card, DeviceCapabilities? caps) =>
        VCardFields.Build(card, FieldAlgebra.Trim(VCardFields.Of(card), caps ?? DeviceCapabilities.Everything, VCardFields.Schema));

    /// <summary>
    /// <see cref="Trim(VCardItem, DeviceCapabilities?)"/> without copies: removes from <paramref name="card"/> itself what
    /// the device cannot hold (for a card parsed only to be rendered, once per item of a refresh), by the same rule
    /// (FieldAlgebra.Held): unsupported properties go, and of a property the device holds MaxOccur times the preferred
    /// occurrences stay first, then the earliest.
    /// </summary>
    public static VCardItem TrimInPlace(VCardItem card, DeviceCapabilities? caps)
    {
        caps ??= DeviceCapabilities.Everything;
        if (caps.IsUnlimited)
        {
            return card;
        }

        var props = card.Properties;
        var shape = new (string Name, bool Preferred)[props.Count];
        for (var i = 0; i < props.Count; i++)
        {
            shape[i] = (props[i].Name, props[i].IsPreferred);
        }

        var keep = FieldAlgebra.Held(shape, caps, VCardFields.Schema, NothingSent);
        var write = 0;
        for (var read = 0; read < props.Count; read++)
        {
            if (keep[read])
            {
                props[write++] = props[read];
            }
        }

        props.RemoveRange(write, props.Count - write);
        return card;
    }

    /// <summary>
    /// The device's version laid over <paramref name="serverFull"/> (the copy it was rendered from): what the device
    /// can hold is replaced, properties it cannot hold and occurrences beyond its MaxOccur stay.
    /// </summary>
    public static VCardItem ApplyDeviceView(VCardItem serverFull, VCardItem deviceVersion, DeviceCapabilities? caps) =>
        VCardFields.Build(serverFull, FieldAlgebra.ApplyDeviceView(VCardFields.Of(serverFull), VCardFields.Of(deviceVersion), caps ?? DeviceCapabilities.Everything, VCardFields.Schema));

    /// <summary>Whether a device holding <paramref name="device"/> would see something different in <paramref name="item"/>.</summary>
    public static bool DiffersOnDevice(VCardItem item, VCardItem device, DeviceCapabilities? caps) =>
        FieldAlgebra.DiffersOnDevice(VCardFields.Of(item), VCardFields.Of(device), caps ?? DeviceCapabilities.Everything, VCardFields.Schema);

    /// <summary>
    /// <paramref name="device"/> (sent by a device holding an older format) with the fields it gave back unchanged replaced
    /// by what they were rendered from: <paramref name="givenAsHeld"/> is <paramref name="given"/> written in the device's
    /// format and read back (a vCard 2.1 device holds list components joined, PREF order collapsed, parameters dropped).
    /// </summary>
    public static VCardItem WithoutFormatLosses(VCardItem device, VCardItem given, VCardItem givenAsHeld) =>
        VCardFields.Build(device, FormatLosses.Restore(VCardFields.Of(device), VCardFields.Of(given), VCardFields.Of(givenAsHeld)));

    /// <summary>
    /// <see cref="WithoutFormatLosses(VCardItem, VCardItem, VCardItem)"/> for calendar objects (a vCalendar 1.0 device:
    /// PRIORITY in three steps, VALARM without its own properties), item by item; the time zones the restored fields
    /// refer to come along from <paramref name="given"/>.
    /// </summary>
    public static CalendarDocument WithoutFormatLosses(CalendarDocument device, CalendarDocument given, CalendarDocument givenAsHeld)
    {
        var result = Shell(device, given);
        var g = CalendarItems.Of(given);
        var h = CalendarItems.Of(givenAsHeld);
        foreach (var (key, entry) in CalendarItems.Of(device))
        {
            result.Components.Add(g.TryGetValue(key, out var gi) && h.TryGetValue(key, out var hi)
                ? CalendarFields.Build(entry.Item.Name, FormatLosses.Restore(entry.Fields, gi.Fields, hi.Fields))
                : entry.Item.Clone());
        }

        return result;
    }

    /// <summary>Three-way merge of calendar objects, item by item (matched by component and RECURRENCE-ID), field by field.</summary>
    public static FieldMergeResult<CalendarDocument> Merge(
        CalendarDocument? baseDoc, CalendarDocument server, CalendarDocument device, DeviceCapabilities? caps, MergePolicy policy = MergePolicy.DeviceWins)
    {
        caps ??= DeviceCapabilities.Everything;
        var schema = CalendarFields.Schema;
        var conflicts = new List<MergeConflict>();
        var doc = Shell(server, device);
        var s = CalendarItems.Of(server);
        var d = CalendarItems.Of(device);
        var b = baseDoc == null ? null : CalendarItems.Of(baseDoc);
        bool serverChanged = false, deviceChanged = false, needsUpdate = false;
        foreach (var key in s.Keys.Concat(d.Keys).Distinct())
        {
            s.TryGetValue(key, out var si);
            d.TryGetValue(key, out var di);
            CalendarItems.Entry? bi = null;
            b?.TryGetValue(key, out bi);
            if (si != null && di != null)
            {
                var (fields, found, sc, dc) = MergeFields(bi?.Fields, si.Fields, di.Fields, caps, policy, schema);
                conflicts.AddRange(found);
                serverChanged |= sc;
                deviceChanged |= dc;
                needsUpdate |= FieldAlgebra.DiffersOnDevice(fields, di.Fields, caps, schema);
                doc.Components.Add(CalendarFields.Build(si.Item.Name, fields));
            }
            else if (si != null)
            {
                // Not on the device: it cannot hold it (a vCalendar 1.0 phone and RECURRENCE-ID exceptions) or deleted
                // it; keeping the server's item loses nothing.
                serverChanged |= bi == null || FieldAlgebra.Differ(bi.Fields, si.Fields, schema);
                doc.Components.Add(si.Item.Clone());
            }
            else if (di != null && (bi == null || FieldAlgebra.Differ(bi.Fields, di.Fields, schema)))
            {
                deviceChanged = true;
                doc.Components.Add(di.Item.Clone());
            }
        }

        return new FieldMergeResult<CalendarDocument>(doc, conflicts, serverChanged, deviceChanged, needsUpdate);
    }

    public static CalendarDocument Trim(CalendarDocument doc, DeviceCapabilities? caps)
    {
        caps ??= DeviceCapabilities.Everything;
        var result = Shell(doc, null);
        foreach (var item in doc.Items)
        {
            result.Components.Add(CalendarFields.Build(item.Name, FieldAlgebra.Trim(CalendarFields.Of(item, doc), caps, CalendarFields.Schema)));
        }

        return result;
    }

    public static CalendarDocument ApplyDeviceView(CalendarDocument serverFull, CalendarDocument deviceVersion, DeviceCapabilities? caps)
    {
        caps ??= DeviceCapabilities.Everything;
        var result = Shell(serverFull, deviceVersion);
        var s = CalendarItems.Of(serverFull);
        var d = CalendarItems.Of(deviceVersion);
        foreach (var key in s.Keys.Concat(d.Keys).Distinct())
        {
            s.TryGetValue(key, out var si);
            d.TryGetValue(key, out var di);
            result.Components.Add(si == null ? di!.Item.Clone()
                : di == null ? si.Item.Clone()
                : CalendarFields.Build(si.Item.Name, FieldAlgebra.ApplyDeviceView(si.Fields, di.Fields, caps, CalendarFields.Schema)));
        }

        return result;
    }

    public static bool DiffersOnDevice(CalendarDocument item, CalendarDocument device, DeviceCapabilities? caps)
    {
        caps ??= DeviceCapabilities.Everything;
        var s = CalendarItems.Of(item);
        var d = CalendarItems.Of(device);
        return d.Any(kv => !s.TryGetValue(kv.Key, out var si) || FieldAlgebra.DiffersOnDevice(si.Fields, kv.Value.Fields, caps, CalendarFields.Schema));
    }

    private static (List<Field> Result, List<MergeConflict> Conflicts, bool ServerChanged, bool DeviceChanged) MergeFields(
        List<Field>? b, List<Field> s, List<Field> d, DeviceCapabilities caps, MergePolicy policy, IFieldSchema schema)
    {
        var conflicts = new List<MergeConflict>();
        if (b == null)
        {
            var union = FieldAlgebra.Union(s, d, schema, policy, conflicts);
            return (union, conflicts, FieldAlgebra.Differ(union, d, schema), FieldAlgebra.Differ(union, s, schema));
        }

        var deviceFull = FieldAlgebra.ApplyDeviceView(b, d, caps, schema);
        var merged = FieldAlgebra.ThreeWay(b, s, deviceFull, schema, policy, conflicts);
        return (merged, conflicts, FieldAlgebra.Differ(b, s, schema), FieldAlgebra.Differ(b, deviceFull, schema));
    }

    /// <summary>A copy of the calendar's own properties and time zones, plus the device's zones the server lacks.</summary>
    private static CalendarDocument Shell(CalendarDocument server, CalendarDocument? device)
    {
        var doc = new CalendarDocument(server.SourceVersion);
        doc.Properties.AddRange(server.Properties.Select(CalendarFields.Clone));
        doc.Components.AddRange(server.TimeZones.Select(z => z.Clone()));
        if (device != null)
        {
            var known = server.TimeZones.Select(z => z.Get("TZID")?.Value).ToHashSet(StringComparer.Ordinal);
            doc.Components.AddRange(device.TimeZones.Where(z => !known.Contains(z.Get("TZID")?.Value)).Select(z => z.Clone()));
        }

        return doc;
    }
}
