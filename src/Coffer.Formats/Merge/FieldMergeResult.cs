namespace Coffer.Formats.Merge;

/// <summary>The outcome of a field-level merge.</summary>
/// <param name="Item">The merged item (the new server copy).</param>
/// <param name="Conflicts">Fields changed differently on both sides, resolved by the policy.</param>
/// <param name="ServerChanged">The server copy differs from the base (always true without a base when the sides differ).</param>
/// <param name="DeviceChanged">The device's version differs from the base in something it can hold.</param>
/// <param name="DeviceNeedsUpdate">The device's view differs from the merged item in something the device can hold.</param>
public sealed record FieldMergeResult<T>(T Item, IReadOnlyList<MergeConflict> Conflicts, bool ServerChanged, bool DeviceChanged, bool DeviceNeedsUpdate)
{
    public bool HasConflicts => Conflicts.Count > 0;
}
