using Coffer.Storage;

namespace Coffer.Sync.Engine;

/// <summary>
/// What one Sync command's items name in the store, read before its first item is applied: the stored ids its LUIDs
/// map to and, in a slow or refresh-from-client sync, the live items sharing an identity key with one of its items
/// (twin candidates) and which of those the device already holds. Two or three queries per Sync instead of two per
/// item: on a database server every query is a round trip, and those round trips were most of a slow sync's CPU.
/// The engine reports its own writes during the Sync here (<see cref="Mapped"/>, <see cref="Unmapped"/>,
/// <see cref="Deleted"/>, <see cref="Added"/>), so every answer is the one a query at that moment would give.
/// </summary>
internal sealed class SyncLookups
{
    private readonly Dictionary<string, string> luids;
    private readonly HashSet<string> knownLuids;
    private readonly Dictionary<string, List<StoredItem>> twins;
    private readonly HashSet<string> held;
    private readonly HashSet<string> gone = new(StringComparer.Ordinal);
    private bool holdersUnknown;

    private SyncLookups(Dictionary<string, string> luids, HashSet<string> knownLuids, Dictionary<string, List<StoredItem>> twins, HashSet<string> held)
    {
        this.luids = luids;
        this.knownLuids = knownLuids;
        this.twins = twins;
        this.held = held;
    }

    /// <summary>The stored id each LUID of the Sync maps to now (a LUID without a mapping is absent).</summary>
    public IReadOnlyDictionary<string, string> Luids => luids;

    /// <summary>
    /// Reads the mappings of <paramref name="luidKeys"/> and the twin candidates of <paramref name="identityKeys"/>
    /// (none: no twin query) with which of them this device holds.
    /// </summary>
    public static async Task<SyncLookups> LoadAsync(IUnitOfWork uow, long deviceId, long datastoreId, IReadOnlyCollection<string> luidKeys, IReadOnlyCollection<byte[]> identityKeys, CancellationToken ct)
    {
        var known = new HashSet<string>(luidKeys, StringComparer.Ordinal);
        var mapped = known.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(await uow.IdMaps.GetGuidsAsync(deviceId, datastoreId, known, ct), StringComparer.Ordinal);
        var twins = new Dictionary<string, List<StoredItem>>(StringComparer.Ordinal);
        var held = new HashSet<string>(StringComparer.Ordinal);
        if (identityKeys.Count > 0)
        {
            foreach (var key in identityKeys)
            {
                twins.TryAdd(Convert.ToHexString(key), []);
            }

            var candidates = await uow.Items.FindByIdentityKeysAsync(datastoreId, identityKeys, true, ct);
            foreach (var candidate in candidates)
            {
                twins[Convert.ToHexString(candidate.IdentityKey!)].Add(candidate);
            }

            if (candidates.Count > 0)
            {
                held.UnionWith((await uow.IdMaps.GetLuidsAsync(deviceId, datastoreId, candidates.Select(c => c.Id).Distinct(StringComparer.Ordinal).ToList(), ct)).Keys);
            }
        }

        return new SyncLookups(mapped, known, twins, held);
    }

    /// <summary>
    /// The first live item (by sequence) with this identity key that is not in <paramref name="matched"/> and that the
    /// device does not hold; false when the key was not read ahead (the caller asks the store).
    /// </summary>
    public bool TryFindTwin(byte[] key, IReadOnlySet<string> matched, out StoredItem? twin)
    {
        twin = null;
        if (holdersUnknown || !twins.TryGetValue(Convert.ToHexString(key), out var candidates))
        {
            return false;
        }

        twin = candidates.Find(c => !matched.Contains(c.Id) && !gone.Contains(c.Id) && !held.Contains(c.Id));
        return true;
    }

    /// <summary>The device now holds <paramref name="guid"/> under <paramref name="luid"/> (an upsert: one-to-one both ways).</summary>
    public void Mapped(string luid, string guid)
    {
        if (!knownLuids.Contains(luid))
        {
            // Whatever item this LUID held before is not known, so neither is whether the device still holds it.
            holdersUnknown = true;
        }
        else if (luids.TryGetValue(luid, out var previous) && previous != guid)
        {
            held.Remove(previous);
        }

        foreach (var other in luids.Where(m => m.Value == guid && m.Key != luid).Select(m => m.Key).ToList())
        {
            luids.Remove(other);
        }

        knownLuids.Add(luid);
        luids[luid] = guid;
        held.Add(guid);
    }

    /// <summary>The device's mapping of <paramref name="luid"/> was deleted.</summary>
    public void Unmapped(string luid)
    {
        if (luids.Remove(luid, out var guid))
        {
            held.Remove(guid);
        }
        else if (!knownLuids.Contains(luid))
        {
            holdersUnknown = true;
        }
    }

    /// <summary>The item became a tombstone: no longer anybody's twin.</summary>
    public void Deleted(string guid) => gone.Add(guid);

    /// <summary>An item stored without a LUID: a twin candidate for the Sync's later items with its key.</summary>
    public void Added(StoredItem item)
    {
        if (item.IdentityKey != null && twins.TryGetValue(Convert.ToHexString(item.IdentityKey), out var candidates))
        {
            candidates.Add(item);
        }
    }
}
