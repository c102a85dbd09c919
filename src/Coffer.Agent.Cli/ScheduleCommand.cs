using System.CommandLine;
using System.Globalization;
using Coffer.Agent.Config;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;
using Coffer.Agent.Scheduling;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>coffer-agent schedule</c>: backs up in the foreground inside a daily window, at most a few times a day and only
/// when something changed (<see cref="BackupScheduler"/>); <c>--once</c> does one step (for systemd timers and cron),
/// <c>--print systemd|cron</c> prints those instead of running.
/// </summary>
internal static class ScheduleCommand
{
    public static Command Create(GlobalOptions global, TimeProvider time)
    {
        var window = new Option<ScheduleWindow>("--window")
        {
            Description = "the daily local-time window, HH:MM-HH:MM (past midnight allowed, e.g. 22:00-02:00)",
            DefaultValueFactory = _ => ScheduleWindow.Default,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (ScheduleWindow.TryParse(text, out var parsed))
                {
                    return parsed;
                }

                r.AddError($"--window '{text}' is not HH:MM-HH:MM");
                return ScheduleWindow.Default;
            },
        };
        var maxPerDay = new Option<int>("--max-per-day") { Description = "the most backups in one window", DefaultValueFactory = _ => 3 };
        var every = new Option<int>("--every") { Description = "minutes between two looks for changes inside the window", DefaultValueFactory = _ => 60 };
        var jitter = new Option<int>("--jitter") { Description = "the most minutes of random delay on entering the window (at most half the window)", DefaultValueFactory = _ => 30 };
        var once = new Option<bool>("--once") { Description = "one step and exit: back up if inside the window, under the limit and something changed" };
        var print = new Option<string?>("--print") { Description = "print a systemd user service and timer, or crontab lines, that run 'schedule --once' instead" };
        print.AcceptOnlyFromAmong("systemd", "cron");
        var consent = new ConsentOptions();
        var command = new Command("schedule", "back up in a daily window (default 00:00-06:00), at most 3 times a day, only when something changed")
        {
            window, maxPerDay, every, jitter, once, print,
        };
        consent.AddTo(command);
        command.SetAction(async (pr, ct) =>
        {
            var io = pr.InvocationConfiguration;
            var output = new Output(io.Output, io.Error, pr.GetValue(global.Json));
            var home = new AgentHome(pr.GetValue(global.Config)!);
            if (pr.GetValue(maxPerDay) < 1 || pr.GetValue(every) < 1 || pr.GetValue(jitter) < 0)
            {
                output.Error("--max-per-day and --every must be at least 1, --jitter at least 0");
                return ExitCodes.Usage;
            }

            var options = new ScheduleOptions
            {
                Window = pr.GetValue(window)!,
                MaxPerDay = pr.GetValue(maxPerDay),
                Every = TimeSpan.FromMinutes(pr.GetValue(every)),
                Jitter = TimeSpan.FromMinutes(pr.GetValue(jitter)),
            };
            if (pr.GetValue(print) is { } format)
            {
                var self = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessPath ?? "coffer-agent"} --config {home.Path} schedule --once --window {options.Window} --max-per-day {options.MaxPerDay} --every {pr.GetValue(every)}");
                output.Line(format == "systemd" ? ScheduleUnits.Systemd(options, self) : ScheduleUnits.Cron(options, self));
                return ExitCodes.Ok;
            }

            try
            {
                _ = home.Load();
                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
                var scheduled = new ScheduledBackup(home, new HttpSyncTransport(http), new PlainRunProgress(io.Error, time, TimeSpan.FromSeconds(30)), time, pr.GetValue(consent.Connection), pr.GetValue(consent.OnMetered));
                var scheduler = new BackupScheduler(options, new ScheduleStateFile(home.ScheduleFile), time, Random.Shared, scheduled.HasWork, scheduled.BackupAsync)
                {
                    Stepped = e => Report(output, e),
                };
                if (pr.GetValue(once))
                {
                    var step = await scheduler.StepAsync(ct);
                    Report(output, step);
                    return step.Backup?.ExitCode ?? ExitCodes.Ok;
                }

                output.Progress($"schedule: backups in {options.Window} local time, at most {options.MaxPerDay} a day, looking for changes every {pr.GetValue(every)} min");
                await scheduler.RunAsync(ct);
                return ExitCodes.Ok;
            }
            catch (AgentConfigException ex)
            {
                output.Error(ex.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static void Report(Output output, ScheduleEvent e)
    {
        if (output.Json)
        {
            output.WriteJsonLine(new { at = e.At, e.Checked, e.Reason, nextWake = e.NextWake, backup = e.Backup });
            return;
        }

        if (e.Backup != null)
        {
            RunReport.Write(output, e.Backup);
        }

        output.Line(string.Create(CultureInfo.InvariantCulture, $"{e.At:yyyy-MM-dd HH:mm}: {e.Reason}{(e.Backup != null ? $", backup exit code {e.Backup.ExitCode}" : string.Empty)}; next look at {e.NextWake:yyyy-MM-dd HH:mm}"));
    }
}
