using Coffer.Agent.Runs;

namespace Coffer.Agent.Scheduling;

/// <summary>
/// What one step of the schedule did at <see cref="At"/> (local time): looked for changes or not, ran a backup (its
/// summary) or not, and when it will look again.
/// </summary>
public sealed record ScheduleEvent(DateTimeOffset At, bool Checked, RunSummary? Backup, DateTimeOffset NextWake, string Reason);
