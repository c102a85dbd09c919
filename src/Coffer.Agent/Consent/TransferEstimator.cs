using Coffer.Agent.Config;
using Coffer.Agent.Runs;
using Coffer.Agent.Sources;

namespace Coffer.Agent.Consent;

/// <summary>
/// Estimates a run's transfer without contacting the server, by the same change detection the run uses (each file's
/// SHA-256 against the saved state): what a backup or sync would send, and for an incremental backup that nothing
/// comes back. Nothing is written: the state is read, never saved.
/// </summary>
public sealed class TransferEstimator(AgentHome home, AgentConfig config)
{
    public TransferEstimate Estimate(RunRequest request)
    {
        if (request.Mode == RunMode.Restore)
        {
            return new TransferEstimate(0, WireSize.PerSession * Chosen(request).Count, null, 0);
        }

        int items = 0, firstRuns = 0;
        long bytes = 0;
        foreach (var name in Chosen(request))
        {
            var info = Datastores.Find(name)!.Value.Info;
            var state = LocalStateFile.Load(home.StateFile(info.Name));
            var slow = state.LastAnchor == null;
            firstRuns += slow ? 1 : 0;
            var changes = new FolderSyncSource(info, new AgentFolders(home, config).Open(config.DataDir, info.Name), state).CollectChanges(all: slow);
            items += changes.Count;
            bytes += WireSize.PerSession + changes.Sum(c => WireSize.Of(c.Content?.Length ?? 0, info.Binary));
        }

        // A slow sync brings back what other devices stored, and a two-way sync their changes: the server alone knows how much.
        var receiveKnown = request.Mode == RunMode.Backup && firstRuns == 0;
        return new TransferEstimate(items, bytes, receiveKnown ? 0 : null, firstRuns);
    }

    /// <summary>The datastores <paramref name="request"/> names that exist (the run itself reports the unknown ones).</summary>
    public IReadOnlyList<string> Chosen(RunRequest request)
    {
        IEnumerable<string> names = request.Datastores.Count > 0 ? request.Datastores : config.Datastores.Count > 0 ? config.Datastores : Datastores.Names;
        return [.. names.Where(n => Datastores.Find(n) != null)];
    }
}
