using System.Xml.Linq;

namespace Coffer.SyncML;

/// <summary>
/// A Target or Source address (OMA-TS-SyncML_RepPro-V1_2, element Target, Source): LocURI plus an
/// optional LocName. Also used for SourceParent/TargetParent (LocURI only).
/// </summary>
public sealed class SyncLocation
{
    public SyncLocation()
    {
    }

    public SyncLocation(string locUri, string? locName = null)
    {
        LocURI = locUri;
        LocName = locName;
    }

    public string? LocURI { get; set; }

    public string? LocName { get; set; }

    /// <summary>
    /// A 1.2 Filter (OMA-TS-DS_Protocol-V1_2 "Filtering") kept as the element received, because
    /// its grammar (Meta, Field, Record, FilterType) belongs to the sync engine, not the codec.
    /// </summary>
    public XElement? Filter { get; set; }
}
