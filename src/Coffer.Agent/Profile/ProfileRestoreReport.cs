namespace Coffer.Agent.Profile;

/// <summary>
/// What <c>profile restore</c> did: the device whose profile was restored and both devices' descriptions, whether the
/// models match and whether the backup comes from a newer firmware than this device runs, and every element restored
/// or skipped with the reason.
/// </summary>
public sealed record ProfileRestoreReport(
    string From,
    DeviceDescription? Source,
    DeviceDescription? Target,
    bool SameModel,
    bool NewerFirmware,
    IReadOnlyList<RestoredEntry> Entries)
{
    public int RestoredCount => Entries.Count(e => e.Restored);

    public int SkippedCount => Entries.Count(e => !e.Restored);
}
