namespace Coffer.SyncML;

/// <summary>Search: a query in a search grammar given by Meta Type (OMA-TS-SyncML_RepPro-V1_1, element Search; dropped in 1.2).</summary>
public sealed class SearchCommand : SyncMLCommand
{
    public bool NoResults { get; set; }

    public SyncLocation? Target { get; set; }

    public List<SyncLocation> Sources { get; } = [];

    public string? Lang { get; set; }

    public ItemData? Data { get; set; }

    public override string ElementName => "Search";
}
