using Coffer.Agent.AppData;
using Coffer.Agent.Config;
using Coffer.Agent.Protocol;
using Coffer.Agent.Sources;
using Coffer.SyncML;

namespace Coffer.Agent.Runs;

/// <summary>
/// Runs backup, sync or restore over the chosen datastores, one session each, as a phone would choose the sync type:
/// slow the first time (no anchor yet), then one-way from client (backup) or two-way (sync); when the server answers
/// 508 the client runs the slow sync it asks for. Each datastore's state is saved after its session whatever the
/// outcome. A server that cannot be reached or refuses the password ends the run; another failure ends only its
/// datastore's session; a full local disk ends the run too.
/// </summary>
public sealed class AgentRunner(AgentHome home, AgentConfig config, string password, ISyncTransport transport, IRunProgress progress)
{
    private readonly AgentFolders folders = new(home, config, password);
    private string current = string.Empty;
    private long sentBefore;
    private long receivedBefore;

    /// <summary>The clock that times the run (its duration in the summary).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public async Task<RunSummary> RunAsync(RunMode mode, IReadOnlyList<string> datastores, string? restoreTo, CancellationToken ct)
    {
        var started = Time.GetTimestamp();
        var summary = await RunTimedAsync(mode, datastores, restoreTo, ct).ConfigureAwait(false);
        return summary with { Duration = Time.GetElapsedTime(started) };
    }

    private async Task<RunSummary> RunTimedAsync(RunMode mode, IReadOnlyList<string> datastores, string? restoreTo, CancellationToken ct)
    {
        var chosen = datastores.Count > 0 ? datastores
            : config.Datastores.Count > 0 ? config.Datastores
            : mode == RunMode.Restore ? [.. Datastores.Names] : Datastores.Defaults(config.DataDir);
        var unknown = chosen.Where(d => Datastores.Find(d) == null).ToList();
        var command = mode.ToString().ToLowerInvariant();
        if (unknown.Count > 0)
        {
            return new RunSummary(command, [], ExitCodes.Usage, $"unknown datastore {string.Join(", ", unknown)} (known: {string.Join(", ", Datastores.Names)})");
        }

        var dataDir = restoreTo ?? config.DataDir;

        // A restore that broke goes on into its directory, which is then no longer empty.
        var restoreFile = Path.Combine(home.Path, "restore.json");
        var restoring = mode == RunMode.Restore && RestoreProgress.Load(restoreFile) is { } earlier
            && string.Equals(earlier.To, Path.GetFullPath(dataDir), StringComparison.Ordinal) ? earlier : null;
        var resumingRestore = restoring != null;
        // Empty folders hold no data: a new phone's first sync made them before the restore onto it was asked for.
        if (mode == RunMode.Restore && restoring == null && Directory.Exists(restoreTo) && Directory.EnumerateFiles(restoreTo, "*", SearchOption.AllDirectories).Any())
        {
            return new RunSummary(command, [], ExitCodes.Usage, $"{restoreTo} is not empty: restore fills an empty directory");
        }

        // Two runs on one configuration would each write the state the other read: the second one waits for nothing and stops.
        FileStream runLock;
        try
        {
            Directory.CreateDirectory(home.Path);
            runLock = new FileStream(Path.Combine(home.Path, "run.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return new RunSummary(command, [], ExitCodes.Usage, $"another coffer-agent run is using {home.Path}");
        }

        await using var held = runLock;

        var infos = chosen.Select(d => Datastores.Find(d)!.Value.Info).ToList();
        if (mode == RunMode.Restore)
        {
            restoring ??= new RestoreProgress { To = Path.GetFullPath(dataDir) };
            restoring.Save(restoreFile);
        }

        // What a killed run was receiving is of no use now, except the part of an object a restore goes on with.
        var keptSpools = resumingRestore
            ? infos.Select(i => RestoringFile(i.Name).Load()?.Receiving?.Spool).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        var spool = Path.Combine(home.Path, "spool");
        if (Directory.Exists(spool))
        {
            foreach (var part in Directory.EnumerateFiles(spool, "*.part").Where(p => !keptSpools.Contains(p)))
            {
                File.Delete(part);
            }
        }

        // The restored folder becomes this device's state only when it is the configured one; otherwise it is a copy.
        var keepState = mode != RunMode.Restore || string.Equals(Path.GetFullPath(dataDir), Path.GetFullPath(config.DataDir), StringComparison.Ordinal);
        var (auth, devInfDelivered) = home.LoadAuth();
        var counting = new CountingTransport(transport, (sent, received) => progress.Bytes(current, sent - sentBefore, received - receivedBefore));
        var client = new SyncClient(
            new ClientAccount(config.User, password, config.DeviceId, config.ServerUrl),
            new ClientSettings { MaxMsgSize = config.MaxMsgSize, SpoolDirectory = spool },
            counting,
            config.Wbxml ? SyncMLCodec.Wbxml : SyncMLCodec.Xml,
            Datastores.All.Select(d => d.Info))
        {
            Auth = auth,
            DevInfDelivered = devInfDelivered,
            Progress = (d, sent, total) => progress.ItemsSent(d.Name, sent, total),
            Planned = (d, changes) => progress.Planned(d.Name, changes.Count, changes.Count == 0 ? 0 : Consent.WireSize.PerSession + changes.Sum(c => Consent.WireSize.Of(c.Content?.Length ?? 0, d.Binary))),
        };

        var results = new List<DatastoreSummary>();
        try
        {
            foreach (var info in infos)
            {
                if (restoring != null && restoring.Done.Contains(info.Name))
                {
                    progress.Note(info.Name, "restored by the interrupted run already");
                    results.Add(new DatastoreSummary(info.Name) { Mode = SyncModeNames.Of(AlertCode.RefreshFromServer) });
                    continue;
                }

                var result = await RunOneAsync(client, counting, mode, info, dataDir, keepState, resumingRestore, ct).ConfigureAwait(false);
                results.Add(result);
                if (restoring != null && result.ExitCode == ExitCodes.Ok)
                {
                    restoring.Done.Add(info.Name);
                    restoring.Save(restoreFile);
                }
            }
        }
        catch (AuthenticationFailedException ex)
        {
            return new RunSummary(command, results, ExitCodes.AuthenticationFailed, $"wrong account name or password for {config.User} at {config.ServerUrl} ({ex.Message})");
        }
        catch (HttpRequestException ex)
        {
            return new RunSummary(command, results, ExitCodes.Unreachable, $"server unreachable at {config.ServerUrl}: {ex.Message}");
        }
        catch (HttpIOException ex)
        {
            // The connection broke while the reply was being read.
            return new RunSummary(command, results, ExitCodes.Unreachable, $"connection to {config.ServerUrl} lost: {ex.Message}");
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return new RunSummary(command, results, ExitCodes.Unreachable, $"server at {config.ServerUrl} did not answer in time: {ex.Message}");
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            return new RunSummary(command, results, ExitCodes.DiskFull, $"disk full writing to {dataDir} (the items written so far are remembered; free some space and run again): {ex.Message}");
        }
        finally
        {
            home.SaveAuth(client.Auth, client.DevInfDelivered);
        }

        var exitCode = results.Count == 0 ? ExitCodes.Ok : results.Max(r => r.ExitCode);
        if (restoring != null && exitCode == ExitCodes.Ok)
        {
            File.Delete(restoreFile);
            foreach (var info in infos)
            {
                File.Delete(RestoringStateFile(info.Name));
            }
        }

        return new RunSummary(command, results, exitCode);
    }

    /// <summary>Where a restore's session stands in package 4 (docs/agent.md "Resuming").</summary>
    private ResumeFile RestoringFile(string datastore) => new(Path.ChangeExtension(home.StateFile(datastore), ".restoring.json"));

    /// <summary>The state of a restore into a copy (the configured folder's state is not that copy's) while it is under way.</summary>
    private string RestoringStateFile(string datastore) => Path.ChangeExtension(home.StateFile(datastore), ".restoring-state.json");

    /// <summary>The datastore's folder source: app data files go through <see cref="AppDataSyncSource"/> (SQLite files by their changes).</summary>
    private IFolderSource OpenSource(DatastoreInfo info, string dataDir, LocalState state, bool keepState)
    {
        var folder = folders.Open(dataDir, info.Name);
        var source = new FolderSyncSource(info, folder, state);
        if (info.Name != AppDataSyncSource.Name)
        {
            return source;
        }

        var filesState = AppDataStateFile.PathFor(home, info.Name);
        return new AppDataSyncSource(source, folder, keepState ? AppDataStateFile.Load(filesState) : new AppDataState(), keepState ? filesState : null, Path.Combine(home.Path, "spool"), Time, new AppDataModePolicy(config.AppDataModes, config.DifferentialFullEvery));
    }

    private async Task<DatastoreSummary> RunOneAsync(SyncClient client, CountingTransport counting, RunMode mode, DatastoreInfo info, string dataDir, bool keepState, bool resumingRestore, CancellationToken ct)
    {
        var stateFile = home.StateFile(info.Name);
        var restoring = RestoringFile(info.Name);
        var restoreStateFile = keepState ? stateFile : RestoringStateFile(info.Name);
        var state = mode != RunMode.Restore ? LocalStateFile.Load(stateFile)
            : resumingRestore ? LocalStateFile.Load(restoreStateFile)
            : new LocalState();
        var source = OpenSource(info, dataDir, state, keepState);
        var alert = mode switch
        {
            RunMode.Restore => AlertCode.RefreshFromServer,
            _ when state.LastAnchor == null => AlertCode.SlowSync,
            RunMode.Backup => AlertCode.OneWayFromClient,
            _ => AlertCode.TwoWay,
        };
        (current, sentBefore, receivedBefore) = (info.Name, counting.Sent, counting.Received);
        progress.Note(info.Name, SyncModeNames.Of(alert));

        // Where an interrupted session stands, and the state saved as the server accepts changes, so a dropped
        // connection or a killed agent loses nothing the server already has (docs/agent.md "Resuming").
        var resumeFile = new ResumeFile(Path.ChangeExtension(stateFile, ".resume.json"));
        // A restore saves where package 4 stands before every message, and the items written so far.
        var hooks = mode == RunMode.Restore
            ? new SessionHooks { SaveReceiving = restoring.Save, Checkpoint = () => LocalStateFile.Save(restoreStateFile, state) }
            : keepState
            ? new SessionHooks { SaveResume = resumeFile.Save, Checkpoint = () => LocalStateFile.Save(stateFile, state) }
            : null;
        if (mode == RunMode.Restore && !resumingRestore)
        {
            restoring.Save(null);
        }

        try
        {
            SessionResult? result = null;
            if (mode == RunMode.Restore && resumingRestore && restoring.Load() is { Receiving: { } receiving } restorePoint)
            {
                progress.Note(info.Name, receiving.Spool == null ? "resuming the interrupted restore" : $"resuming the interrupted restore at byte {receiving.SpoolLength} of the item under way");
                try
                {
                    result = await client.ResumeReceivingAsync(source, restorePoint, ct, hooks).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is SyncProtocolException || (ex is IOException io && !DiskFull.Is(io)))
                {
                    // The server no longer has the session (it lives Coffer:Sync:SessionLifetime), or the part received is
                    // gone: a new session sends everything again; the items written so far are replaced, not duplicated.
                    progress.Note(info.Name, $"the interrupted restore cannot go on ({ex.Message}); starting a new session");
                    restoring.Save(null);
                }
            }

            if (mode != RunMode.Restore && hooks != null && resumeFile.Load() is { } point)
            {
                var o = point.Object;
                var resumed = o == null ? null : source.Reopen(o.Luid, o.Kind, o.Path, o.ContentType, o.Sha256, o.Length, o.Modified);
                if (o != null && resumed == null)
                {
                    resumeFile.Save(null);
                }
                else
                {
                    progress.Note(info.Name, o == null ? "resuming the interrupted session" : $"resuming {o.Path} at byte {o.Offset} of {o.Length}");
                    try
                    {
                        result = await client.ResumeAsync(source, point, resumed, ct, hooks).ConfigureAwait(false);
                    }
                    catch (SyncProtocolException ex)
                    {
                        // The server no longer has the session (it lives Coffer:Sync:SessionLifetime): a new one.
                        progress.Note(info.Name, $"the interrupted session cannot go on ({ex.Message}); starting a new one");
                        resumeFile.Save(null);
                        LocalStateFile.Save(stateFile, state);
                        state = LocalStateFile.Load(stateFile);
                        source = OpenSource(info, dataDir, state, keepState);
                    }
                }
            }

            result ??= await client.SyncAsync(source, alert, ct, hooks).ConfigureAwait(false);
            if (result.ServerAlert != alert)
            {
                progress.Note(info.Name, $"the server asked for {SyncModeNames.Of(result.ServerAlert)}");
            }

            return DatastoreSummary.Of(info.Name, result, source.Scan, counting.Received - receivedBefore);
        }
        catch (SyncProtocolException ex)
        {
            if (mode == RunMode.Restore)
            {
                restoring.Save(null);
            }
            else
            {
                resumeFile.Save(null);
            }
            return new DatastoreSummary(info.Name) { Error = ex.Message, ExitCode = ExitCodes.Protocol };
        }
        catch (SyncMLFormatException ex)
        {
            return new DatastoreSummary(info.Name) { Error = "unreadable reply: " + ex.Message, ExitCode = ExitCodes.Protocol };
        }
        finally
        {
            if (keepState)
            {
                LocalStateFile.Save(stateFile, state);
            }
            else if (mode == RunMode.Restore)
            {
                LocalStateFile.Save(restoreStateFile, state);
            }

            progress.Finished(info.Name);
        }
    }
}
