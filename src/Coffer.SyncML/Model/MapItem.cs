namespace Coffer.SyncML;

/// <summary>
/// One LUID-to-GUID mapping of a Map command (OMA-TS-SyncML_RepPro-V1_2, element MapItem): Target is the server's
/// GUID, Source the client's LUID (OMA-TS-DS_Protocol-V1_2 "Mapping of the IDs").
/// </summary>
public sealed class MapItem
{
    public SyncLocation? Target { get; set; }

    public SyncLocation? Source { get; set; }
}
