namespace Coffer.SyncML;

/// <summary>
/// Map: the client tells the server the LUIDs it gave to items the server added
/// (OMA-TS-SyncML_RepPro-V1_2, element Map; OMA-TS-DS_Protocol-V1_2).
/// </summary>
public sealed class MapCommand : SyncMLCommand
{
    public SyncLocation? Target { get; set; }

    public SyncLocation? Source { get; set; }

    public List<MapItem> MapItems { get; } = [];

    public override string ElementName => "Map";
}
