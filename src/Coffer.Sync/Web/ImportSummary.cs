namespace Coffer.Sync.Web;

/// <summary>What an import did: contacts added and updated, and every skipped row with its reason.</summary>
public sealed record ImportSummary(int Added, int Updated, IReadOnlyList<ImportRow> Skipped);
