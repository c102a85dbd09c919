using Coffer.Agent.Sources;
using Coffer.Storage;
using Coffer.Sync.Datastores;

namespace Coffer.Agent.Peer;

/// <summary>
/// The datastores two agents sync directly by SyncML: those kept as one text item per file (contacts, calendar, tasks,
/// notes). Mail, SMS, photos and files travel between agents as rsync-style deltas instead (issue 19), so they are not
/// here.
/// </summary>
public static class PeerDatastores
{
    /// <summary>The datastore named <paramref name="name"/> (contacts, calendar, tasks, notes) and its kind in the local store.</summary>
    /// <exception cref="ArgumentException">No such datastore, or one that does not sync by SyncML between agents.</exception>
    public static (DatastoreInfo Info, DatastoreKind Kind) Find(string name)
    {
        var found = Datastores.Find(name) ?? throw new ArgumentException($"no datastore {name}", nameof(name));
        if (found.Info.Binary || found.Info.Named || !DatastoreCatalog.TryResolve(found.Info.ServerUri, out var kind))
        {
            throw new ArgumentException($"{found.Info.Name} does not sync by SyncML between agents", nameof(name));
        }

        return (found.Info, kind);
    }

    /// <summary>The folder of <paramref name="info"/> under the side's data directory.</summary>
    public static IItemFolder Folder(PeerSide side, DatastoreInfo info) => Datastores.Folder(side.DataDir, info.Name);
}
