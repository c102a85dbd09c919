using Coffer.Agent.Runs;

namespace Coffer.Agent.Scheduling;

/// <summary>
/// The loop behind <c>coffer-agent schedule</c>, on a <see cref="TimeProvider"/> so it runs in simulated time too.
/// Each step, inside the window and under the day's limit, asks <paramref name="hasWork"/> whether anything changed
/// and only then runs <paramref name="backup"/>; outside the window it sleeps until the next one opens plus a random
/// jitter. Every backup started counts against the limit, failed or not, so a failing server is not retried all night.
/// </summary>
public sealed class BackupScheduler(
    ScheduleOptions options,
    ScheduleStateFile stateFile,
    TimeProvider time,
    Random random,
    Func<CancellationToken, bool> hasWork,
    Func<CancellationToken, Task<RunSummary>> backup)
{
    /// <summary>Told after every step, before the loop sleeps (the sleep is already timed, so advancing a fake clock then wakes it).</summary>
    public Action<ScheduleEvent>? Stepped { get; set; }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var step = await StepAsync(ct).ConfigureAwait(false);
            var wait = step.NextWake - time.GetLocalNow();
            var sleep = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, ct);
            Stepped?.Invoke(step);
            try
            {
                await sleep.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One step: looks for changes and backs up when the window, the limit and the spacing allow; returns when to step again.</summary>
    public async Task<ScheduleEvent> StepAsync(CancellationToken ct)
    {
        var now = time.GetLocalNow();
        var state = stateFile.Load();
        var start = options.Window.OccurrenceStart(now);
        if (start is not { } opened)
        {
            return new ScheduleEvent(now, false, null, NextWindow(now), $"outside the window {options.Window}");
        }

        var ranToday = state.Runs.Count(r => r >= opened);
        if (ranToday >= options.MaxPerDay)
        {
            return new ScheduleEvent(now, false, null, NextWindow(now), $"{ranToday} backups in this window already");
        }

        if (state.LastCheck is { } last && last >= opened && now - last < options.Every)
        {
            return new ScheduleEvent(now, false, null, last + options.Every, "checked recently");
        }

        state.LastCheck = now;
        if (!hasWork(ct))
        {
            stateFile.Save(state);
            return new ScheduleEvent(now, true, null, now + options.Every, "nothing changed");
        }

        state.Runs.Add(now);
        state.Trim(Math.Max(options.MaxPerDay, 1) * 2);
        stateFile.Save(state);
        var summary = await backup(ct).ConfigureAwait(false);
        return new ScheduleEvent(now, true, summary, time.GetLocalNow() + options.Every, "changes found");
    }

    private DateTimeOffset NextWindow(DateTimeOffset now)
    {
        var jitter = options.EffectiveJitter;
        return options.Window.NextStart(now) + (jitter > TimeSpan.Zero ? TimeSpan.FromTicks(random.NextInt64(jitter.Ticks)) : TimeSpan.Zero);
    }
}
