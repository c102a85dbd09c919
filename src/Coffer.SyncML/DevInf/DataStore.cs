namespace Coffer.SyncML.DevInf;

/// <summary>
/// One datastore of a device: <c>DataStore (SourceRef, DisplayName?, MaxGUIDSize?, Rx-Pref, Rx*, Tx-Pref, Tx*,
/// CTCap*, DSMem?, SupportHierarchicalSync?, SyncCap, Filter-Rx*, FilterCap*)</c> (OMA-TS-DS_DevInf-V1_2 §5,
/// "DataStore"; 1.0/1.1 have no CTCap, hierarchical sync or filter elements here).
/// </summary>
public sealed class DataStore
{
    public string SourceRef { get; set; } = string.Empty;

    public string? DisplayName { get; set; }

    /// <summary>Longest LUID the client can store; the server must send Map-compatible GUIDs no longer than this.</summary>
    public long? MaxGUIDSize { get; set; }

    public ContentTypeRef? RxPref { get; set; }

    public List<ContentTypeRef> Rx { get; set; } = [];

    public ContentTypeRef? TxPref { get; set; }

    public List<ContentTypeRef> Tx { get; set; } = [];

    /// <summary>DevInf 1.2 places CTCap inside the datastore; 1.0/1.1 CTCaps are on <see cref="DeviceInfo.CTCaps"/>.</summary>
    public List<CTCap> CTCaps { get; set; } = [];

    public DataStoreMemory? DSMem { get; set; }

    public bool SupportHierarchicalSync { get; set; }

    /// <summary>
    /// The <c>SyncType</c> values as sent (e.g. "01", "390001"); null when the datastore has no <c>SyncCap</c>.
    /// Use <see cref="SupportsSyncType"/> to test them.
    /// </summary>
    public List<string>? SyncCap { get; set; }

    public List<ContentTypeRef> FilterRx { get; set; } = [];

    public List<FilterCap> FilterCaps { get; set; } = [];

    /// <summary>The type the device prefers to receive (<c>Rx-Pref</c>): what the server should send.</summary>
    public ContentTypeRef? PreferredReceiveType => RxPref;

    /// <summary>Whether the device accepts <paramref name="ctType"/> (Rx-Pref or any Rx).</summary>
    public bool CanReceive(string ctType, string? verCT = null) =>
        (RxPref?.Matches(ctType, verCT) ?? false) || Rx.Any(r => r.Matches(ctType, verCT));

    /// <summary>Whether the device may send <paramref name="ctType"/> (Tx-Pref or any Tx).</summary>
    public bool CanTransmit(string ctType, string? verCT = null) =>
        (TxPref?.Matches(ctType, verCT) ?? false) || Tx.Any(t => t.Matches(ctType, verCT));

    /// <summary><paramref name="syncType"/> is a <see cref="DevInfSyncType"/> code; "01" counts as 1.</summary>
    public bool SupportsSyncType(int syncType) =>
        SyncCap != null && SyncCap.Any(s => int.TryParse(s.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v == syncType);

    /// <summary>This datastore's own CTCap for the type (DevInf 1.2 placement).</summary>
    public CTCap? FindCTCap(string ctType, string? verCT = null) => CTCaps.FirstOrDefault(c => c.Matches(ctType, verCT));
}
