using Coffer.Agent.Consent;
using Coffer.Agent.Runs;
using Coffer.Agent.Sources;
using Coffer.SyncML.San;

namespace Coffer.Agent.Notifications;

/// <summary>
/// The runs a verified package #0 asks for: its syncs grouped by sync type, each datastore by the agent's name for
/// the server URI (OMA-TS-DS_Notification-V1_2: one sync per datastore, with its alert code). Datastores the agent
/// does not know are left out. 210 (refresh from server: a restore onto a new phone, seed 004) restores into the
/// agent's own data folder, which the restore accepts only while it holds no files: never over data the device holds.
/// </summary>
public static class NotificationRequests
{
    public static IReadOnlyList<RunRequest> From(SanMessage message, string dataDir, out IReadOnlyList<string> skipped)
    {
        var left = new List<string>();
        var byMode = new SortedDictionary<RunMode, List<string>>();
        foreach (var sync in message.Syncs)
        {
            var name = Datastores.All.Where(d => string.Equals(d.Info.ServerUri, sync.ServerUri, StringComparison.OrdinalIgnoreCase)).Select(d => d.Info.Name).FirstOrDefault();
            RunMode? mode = sync.SyncType switch
            {
                SanCodec.TwoWayByServer => RunMode.Sync,
                SanCodec.OneWayFromClientByServer => RunMode.Backup,
                SanCodec.RefreshFromServerByServer => RunMode.Restore,
                _ => null,
            };
            if (name == null || mode == null)
            {
                left.Add($"{sync.ServerUri} ({sync.SyncType})");
                continue;
            }

            if (!byMode.TryGetValue(mode.Value, out var names))
            {
                byMode[mode.Value] = names = [];
            }

            names.Add(name);
        }

        skipped = left;
        return [.. byMode.Select(m => new RunRequest(m.Key, m.Value, m.Key == RunMode.Restore ? dataDir : null))];
    }
}
