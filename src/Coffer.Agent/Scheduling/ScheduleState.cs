namespace Coffer.Agent.Scheduling;

/// <summary>
/// What the schedule remembers across restarts (schedule.json in the configuration directory): when it last looked
/// for changes and when it started its recent backups, so a restarted loop keeps the per-day limit.
/// </summary>
public sealed class ScheduleState
{
    public DateTimeOffset? LastCheck { get; set; }

    public List<DateTimeOffset> Runs { get; set; } = [];

    /// <summary>Keeps the last <paramref name="count"/> runs: older ones cannot count against any window.</summary>
    public void Trim(int count)
    {
        if (Runs.Count > count)
        {
            Runs.RemoveRange(0, Runs.Count - count);
        }
    }
}
