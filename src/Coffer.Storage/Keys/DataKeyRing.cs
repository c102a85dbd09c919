using System.Collections.Concurrent;

namespace Coffer.Storage;

/// <summary>
/// The store-wide side of encryption at rest: the master key and a bounded cache of unwrapped data keys, so a key is
/// unwrapped once and not at every payload. Only committed keys enter the cache (<see cref="Publish"/>): a key whose
/// unit of work rolled back must never become a user's current key.
/// </summary>
public sealed class DataKeyRing
{
    /// <summary>Unwrapped keys kept; beyond it the cache starts over (a key costs one indexed read to load again).</summary>
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<uint, DataKey> keys = new();
    private readonly ConcurrentDictionary<long, uint> current = new();
    private readonly Func<MasterKey?>? reload;
    private readonly int capacity;
    private volatile MasterKey master;

    /// <param name="master">The master key.</param>
    /// <param name="reload">Reads the master key again (its file) after another process rotated it; null when it cannot change (configuration).</param>
    /// <param name="capacity">How many unwrapped keys to keep.</param>
    public DataKeyRing(MasterKey master, Func<MasterKey?>? reload = null, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        this.master = master;
        this.reload = reload;
        this.capacity = capacity;
    }

    public MasterKey Master => master;

    public DataKey? TryGet(uint keyId) => keys.TryGetValue(keyId, out var key) ? key : null;

    public DataKey? TryGetCurrent(long userId) => current.TryGetValue(userId, out var id) ? TryGet(id) : null;

    /// <summary>Unwraps a stored key with the master key that wrapped it (re-reading a rotated key file if need be).</summary>
    public DataKey Unwrap(WrappedDataKey stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var key = MasterFor(stored.MasterKeyId);
        return new DataKey(stored.Id, stored.UserId, key.Unwrap(stored.Wrapped, stored.UserId, stored.Id));
    }

    /// <summary>
    /// The master key new data keys are wrapped with: the one the stored keys already carry (<paramref name="inUse"/>),
    /// so a server that outlived a rotation by <c>coffer keys rotate</c> does not wrap with the old one.
    /// </summary>
    public MasterKey MasterFor(string? inUse)
    {
        var key = master;
        if (inUse is null || inUse == key.Id)
        {
            return key;
        }

        if (reload?.Invoke() is { } fresh && fresh.Id == inUse)
        {
            master = fresh;
            return fresh;
        }

        throw new StorageException($"the data keys are wrapped by master key {inUse}, but this process has {key}: " +
            "the master key was rotated; start the server with the new key");
    }

    /// <summary>Makes keys of a committed unit of work available to all (and a user's newest the current one).</summary>
    public void Publish(DataKey key, bool isCurrent)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (keys.Count >= capacity)
        {
            // Coarse but bounded: the working set comes back one read per key.
            keys.Clear();
            current.Clear();
        }

        keys[key.Id] = key;
        if (isCurrent)
        {
            current.AddOrUpdate(key.UserId, key.Id, (_, old) => Math.Max(old, key.Id));
        }
    }

    /// <summary>Drops a user's keys from memory (the user was deleted: their wrapped keys went with the rows).</summary>
    public void Forget(long userId)
    {
        current.TryRemove(userId, out _);
        foreach (var (id, key) in keys)
        {
            if (key.UserId == userId)
            {
                keys.TryRemove(id, out _);
            }
        }
    }
}
