namespace Coffer.SyncML.DevInf;

/// <summary>
/// A device's capabilities: <c>DevInf (VerDTD, Man?, Mod?, OEM?, FwV?, SwV?, HwV?, DevID, DevTyp, UTC?,
/// SupportLargeObjs?, SupportNumberOfChanges?, DataStore+, CTCap*, Ext*)</c> (OMA-TS-DS_DevInf-V1_2 §5,
/// "DevInf"; SyncML DevInf 1.1 DTD for the DevInf-level CTCap). Read and written by <see cref="DevInfXml"/>.
/// </summary>
public sealed class DeviceInfo
{
    /// <summary>As sent ("1.0", "1.1", "1.2"); null when a (non-conforming) device omitted it.</summary>
    public string? VerDTD { get; set; }

    public string? Man { get; set; }

    public string? Mod { get; set; }

    public string? OEM { get; set; }

    public string? FwV { get; set; }

    public string? SwV { get; set; }

    public string? HwV { get; set; }

    public string DevID { get; set; } = string.Empty;

    public string DevTyp { get; set; } = string.Empty;

    /// <summary>The device expects date-times in UTC (OMA-TS-DS_DevInf-V1_2 §5, "UTC").</summary>
    public bool UTC { get; set; }

    public bool SupportLargeObjs { get; set; }

    public bool SupportNumberOfChanges { get; set; }

    public List<DataStore> DataStores { get; set; } = [];

    /// <summary>DevInf-level CTCaps: the DevInf 1.0/1.1 placement (grouped per CTType).</summary>
    public List<CTCap> CTCaps { get; set; } = [];

    public List<Ext> Exts { get; set; } = [];

    /// <summary>The DTD version named by <see cref="VerDTD"/>, or null when it is missing or unknown.</summary>
    public DevInfVersion? Version => VerDTD?.Trim() switch
    {
        "1.0" => DevInfVersion.V10,
        "1.1" => DevInfVersion.V11,
        "1.2" => DevInfVersion.V12,
        _ => null,
    };

    /// <summary>
    /// The datastore a sync addresses by <paramref name="sourceRef"/> (the client's LocURI): an exact match,
    /// else one that differs only by a leading "./" or trailing "/" (clients mix "./contacts" and "contacts").
    /// </summary>
    public DataStore? FindDataStore(string sourceRef)
    {
        ArgumentNullException.ThrowIfNull(sourceRef);
        var exact = DataStores.FirstOrDefault(d => string.Equals(d.SourceRef, sourceRef, StringComparison.Ordinal));
        if (exact != null)
        {
            return exact;
        }

        var wanted = NormalizeRef(sourceRef);
        return DataStores.FirstOrDefault(d => string.Equals(NormalizeRef(d.SourceRef), wanted, StringComparison.Ordinal));
    }

    /// <summary>
    /// The CTCap describing <paramref name="ctType"/> for <paramref name="dataStore"/>: the datastore's own
    /// (DevInf 1.2) first, then the DevInf-level one (DevInf 1.0/1.1).
    /// </summary>
    public CTCap? FindCTCap(DataStore dataStore, string ctType, string? verCT = null)
    {
        ArgumentNullException.ThrowIfNull(dataStore);
        return dataStore.FindCTCap(ctType, verCT) ?? CTCaps.FirstOrDefault(c => c.Matches(ctType, verCT));
    }

    private static string NormalizeRef(string r)
    {
        var s = r.Trim();
        while (s.StartsWith("./", StringComparison.Ordinal))
        {
            s = s[2..];
        }

        return s.TrimEnd('/');
    }
}
