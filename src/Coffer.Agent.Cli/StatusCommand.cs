using System.CommandLine;
using Coffer.Agent.AppData;
using Coffer.Agent.Config;
using Coffer.Agent.Consent;
using Coffer.Agent.Runs;
using Coffer.Agent.Scheduling;
using Coffer.Agent.Sources;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>coffer-agent status</c>: the configuration and, per datastore, the items the server holds, whether the next
/// run is a slow sync, and the local changes waiting; a run deferred on a metered connection and the last scheduled
/// backup. Reads only local files; contacts no server.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(GlobalOptions global)
    {
        var status = new Command("status", "show the configuration and the local changes waiting to be sent");
        status.SetAction(pr =>
        {
            var io = pr.InvocationConfiguration;
            var output = new Output(io.Output, io.Error, pr.GetValue(global.Json));
            var home = new AgentHome(pr.GetValue(global.Config)!);
            AgentConfig config;
            try
            {
                config = home.Load().Config;
            }
            catch (AgentConfigException ex)
            {
                output.Error(ex.Message);
                return ExitCodes.Usage;
            }

            var folders = new AgentFolders(home, config);
            var names = config.Datastores.Count > 0 ? config.Datastores : Datastores.Defaults(config.DataDir);
            var rows = names.Select(name =>
            {
                var info = Datastores.Find(name)!.Value.Info;
                var state = LocalStateFile.Load(home.StateFile(name));
                var known = state.Items.Count;
                var synced = state.LastAnchor != null;
                var scan = new FolderSyncSource(info, folders.Open(config.DataDir, name), state);
                scan.CollectChanges(all: false);
                return new { datastore = name, folder = folders.Open(config.DataDir, name).Root, onServer = known, nextRun = synced ? "incremental" : "slow", pending = scan.Scan };
            }).ToList();
            var appFiles = names.Contains(AppDataSyncSource.Name) ? AppDataStateFile.Load(AppDataStateFile.PathFor(home, AppDataSyncSource.Name)).Files : [];
            var policy = new AppDataModePolicy(config.AppDataModes, config.DifferentialFullEvery);
            var deferred = new DeferralFile(home.DeferredFile).Load();
            var schedule = new ScheduleStateFile(home.ScheduleFile).Load();
            if (output.Json)
            {
                output.WriteJson(new { server = config.ServerUrl, config.User, config.DeviceId, config.DataDir, auth = home.LoadAuth().Auth.Type, config.Connection, config.MeteredPolicy, deferred, lastScheduledBackup = schedule.Runs.Count > 0 ? schedule.Runs[^1] : (DateTimeOffset?)null, datastores = rows, appdataModes = config.AppDataModes, appdataFiles = appFiles.Select(f => new { f.Path, mode = Mode(policy, f.Path), f.LastBackup, f.LastKind, f.LastBytes, f.FileSize, f.Modification, f.FullBackups, f.ChangeSets, f.Deltas, f.DifferentialsSinceFull, f.NeedsFull }) });
                return ExitCodes.Ok;
            }

            output.Line($"server {config.ServerUrl}, account {config.User}, device {config.DeviceId}, auth {home.LoadAuth().Auth.Type}");
            output.Line($"connection {config.Connection.ToString().ToLowerInvariant()}, on metered: {config.MeteredPolicy.ToString().ToLowerInvariant()}");
            if (deferred != null)
            {
                output.Line($"deferred: {deferred.Request.Describe()} since {deferred.DeferredAt:u} on a {deferred.Connection.ToString().ToLowerInvariant()} connection ({ByteSize.Describe(deferred.Estimate)}); the next unmetered run does it");
            }

            if (schedule.Runs.Count > 0)
            {
                output.Line($"last scheduled backup {schedule.Runs[^1]:yyyy-MM-dd HH:mm zzz}");
            }

            output.Table(
                ["datastore", "folder", "on server", "next run", "new", "changed", "deleted", "unchanged"],
                [.. rows.Select(r => new[] { r.datastore, r.folder, Num(r.onServer), r.nextRun, Num(r.pending.New), Num(r.pending.Changed), Num(r.pending.Deleted), Num(r.pending.Unchanged) })]);
            foreach (var rule in config.AppDataModes)
            {
                output.Line($"appdata mode {rule.Mode} for {rule.Pattern}");
            }

            foreach (var f in appFiles)
            {
                var next = f.NeedsFull ? "; the next backup sends the whole file" : string.Empty;
                var counts = f.Deltas > 0 || f.LastKind == "delta"
                    ? $"{f.FullBackups} full and {f.Deltas} deltas"
                    : $"modification {f.Modification}, {f.FullBackups} full and {f.ChangeSets} change sets";
                output.Line($"appdata {f.Path} ({Mode(policy, f.Path)}): backed up {f.LastBackup:yyyy-MM-dd HH:mm zzz} ({f.LastKind}, {ByteSize.Format(f.LastBytes)} of {ByteSize.Format(f.FileSize)}), {counts}{next}");
            }

            return ExitCodes.Ok;
        });
        return status;
    }

    private static string Mode(AppDataModePolicy policy, string path) => Formats.AppData.AppDataModes.Name(policy.ModeOf(path));

    private static string Num(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
