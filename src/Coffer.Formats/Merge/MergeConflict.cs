namespace Coffer.Formats.Merge;

/// <summary>A field changed differently on both sides; <see cref="DeviceWon"/> tells which value was kept.</summary>
public sealed record MergeConflict(FieldKey Key, string? ServerValue, string? DeviceValue, bool DeviceWon);
