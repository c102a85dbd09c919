namespace Coffer.Dm;

/// <summary>What a restore sends, in order, and what it leaves out with the reason.</summary>
public sealed record DmRestorePlan(IReadOnlyList<DmRestoreStep> Steps, IReadOnlyList<DmReportEntry> Skipped);
