using System.Globalization;
using System.Text;

namespace Coffer.Agent.Scheduling;

/// <summary>
/// The same schedule for users who prefer their system's scheduler: a systemd user service and timer, or crontab
/// lines, each starting <c>coffer-agent schedule --once</c> at every check time of the window. systemd's
/// RandomizedDelaySec, or a random sleep in the crontab line, is the jitter; <c>--once</c> keeps the per-day limit
/// and the change check.
/// </summary>
public static class ScheduleUnits
{
    /// <summary>The check times of a window: its start, then every <see cref="ScheduleOptions.Every"/> while inside it.</summary>
    public static IReadOnlyList<TimeOnly> CheckTimes(ScheduleOptions options)
    {
        var every = options.Every > TimeSpan.Zero ? options.Every : TimeSpan.FromHours(1);
        var times = new List<TimeOnly>();
        for (var offset = TimeSpan.Zero; offset < options.Window.Length && times.Count < 24 * 60; offset += every)
        {
            times.Add(options.Window.Start.Add(offset));
        }

        return times;
    }

    public static string Systemd(ScheduleOptions options, string command)
    {
        var sb = new StringBuilder();
        sb.Append("# ~/.config/systemd/user/coffer-agent-backup.service\n")
            .Append("[Unit]\nDescription=Coffer agent: scheduled backup\nWants=network-online.target\nAfter=network-online.target\n\n")
            .Append("[Service]\nType=oneshot\n")
            .Append(CultureInfo.InvariantCulture, $"ExecStart={command}\n\n")
            .Append("# ~/.config/systemd/user/coffer-agent-backup.timer\n")
            .Append("[Unit]\nDescription=Coffer agent: scheduled backups in the window ").Append(options.Window.ToString()).Append("\n\n[Timer]\n");
        foreach (var t in CheckTimes(options))
        {
            sb.Append(CultureInfo.InvariantCulture, $"OnCalendar=*-*-* {t:HH:mm}:00\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"RandomizedDelaySec={(long)options.EffectiveJitter.TotalSeconds}\n")
            .Append("Persistent=false\n\n[Install]\nWantedBy=timers.target\n\n")
            .Append("# then: systemctl --user daemon-reload && systemctl --user enable --now coffer-agent-backup.timer\n");
        return sb.ToString();
    }

    public static string Cron(ScheduleOptions options, string command)
    {
        var sb = new StringBuilder("# crontab -e; % must be escaped in crontab lines\n");
        var jitter = (long)options.EffectiveJitter.TotalSeconds;
        var sleep = jitter > 0 ? string.Create(CultureInfo.InvariantCulture, $"sleep $(shuf -i 0-{jitter - 1} -n 1) && ") : string.Empty;
        foreach (var t in CheckTimes(options))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{t.Minute} {t.Hour} * * * {sleep}{command}\n");
        }

        return sb.ToString();
    }
}
