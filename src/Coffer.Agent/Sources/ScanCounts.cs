namespace Coffer.Agent.Sources;

/// <summary>What a scan of a local folder found against the items the server holds.</summary>
public sealed record ScanCounts(int New, int Changed, int Unchanged, int Deleted);
