namespace Coffer.Sync.Web;

/// <summary>One page of a list: its items and how many match in all.</summary>
public sealed record ItemPage(IReadOnlyList<ItemSummary> Items, int Total, int Offset);
