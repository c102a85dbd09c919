namespace Coffer.Formats.Merge;

/// <summary>One field that differs between two versions; values are in their normalized comparison form.</summary>
public sealed record FieldChange(FieldChangeKind Kind, FieldKey Key, string? OldValue, string? NewValue);
