namespace Coffer.Formats.Merge;

/// <summary>
/// Identifies one field: a property occurrence by name, its significant parameters (the TYPE set, without PREF
/// and without the defaults VOICE/INTERNET) and its position among the occurrences with that name and TYPE set.
/// Nested calendar components (VALARM) are fields named after the component.
/// </summary>
public readonly record struct FieldKey(string Name, string Types, int Ordinal)
{
    public override string ToString() => (Types.Length == 0 ? Name : $"{Name};TYPE={Types}") + (Ordinal == 0 ? string.Empty : $"[{Ordinal}]");
}
