namespace Coffer.Formats.Merge;

/// <summary>
/// What a device can store of one property (from a DevInf CTCap Property, OMA-TS-DS_DevInf-V1_2 §5):
/// how many occurrences (null = unbounded), the longest value (null = unknown), the TYPE values it knows
/// (empty = any) and the property's value enumeration (for BEGIN: the components it knows).
/// </summary>
public sealed record PropertyCapability(string Name, int? MaxOccur = null, int? MaxSize = null, IReadOnlyList<string>? TypeValues = null, IReadOnlyList<string>? Values = null)
{
    public IReadOnlyList<string> TypeValues { get; init; } = TypeValues ?? [];

    public IReadOnlyList<string> Values { get; init; } = Values ?? [];
}
