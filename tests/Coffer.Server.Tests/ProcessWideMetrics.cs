namespace Coffer.Server.Tests;

/// <summary>
/// Tests that compare process-wide counters before and after (CofferMetrics' meters are static): they run alone, so a
/// message another test sends at the same moment cannot land in their difference.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "process-wide metrics";
}
