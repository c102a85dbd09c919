namespace Coffer.Dm;

/// <summary>One line of a restore's report: a node restored, skipped (with why) or refused by the device (its status).</summary>
public sealed record DmReportEntry(string Path, string Outcome, string? Reason)
{
    public const string Restored = "restored";

    public const string Skipped = "skipped";

    public const string Failed = "failed";
}
