namespace Coffer.SyncML.DevInf;

/// <summary>
/// <c>FilterCap (CTType, VerCT, FilterKeyword*, PropName*)</c>: the filtering the datastore supports for a
/// content type (OMA-TS-DS_DevInf-V1_2 §5, "FilterCap"; filters themselves: OMA-TS-DS_Protocol-V1_2 §6.13).
/// </summary>
public sealed class FilterCap
{
    public string CTType { get; set; } = string.Empty;

    public string? VerCT { get; set; }

    public List<string> FilterKeywords { get; set; } = [];

    public List<string> PropNames { get; set; } = [];
}
