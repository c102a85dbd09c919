namespace Coffer.Storage;

/// <summary>
/// <c>coffer keys rotate</c> and <c>coffer keys confirm</c>: a new master key re-wraps every data key in one
/// transaction; the payloads, encrypted under the data keys, are not touched. With the key file, the sequence is:
/// new key written to master.key.new (flushed); data keys re-wrapped and committed; master.key renamed to
/// master.key.old and master.key.new to master.key. A crash after the commit is finished at the next start
/// (<see cref="MasterKeys.Load"/>); before it, nothing changed. The old key stays until <see cref="ConfirmAsync"/>.
/// </summary>
public static class MasterKeyRotation
{
    /// <summary>Re-wraps every data key under a fresh master key.</summary>
    public static async Task<RotationResult> RotateAsync(ICofferStore store, StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var dataDir = Path.GetFullPath(options.DataDir);
        var fromFile = options.MasterKey is null;
        var keyPath = Path.Combine(dataDir, MasterKeyFile.FileName);
        var oldPath = Path.Combine(dataDir, MasterKeyFile.OldFileName);
        var newPath = Path.Combine(dataDir, MasterKeyFile.NewFileName);
        if (fromFile && File.Exists(oldPath))
        {
            throw new StorageException($"{oldPath} is still there from the last rotation: run 'coffer keys confirm' first");
        }

        // A PostgreSQL store with a configured key may never have needed the data directory: the new key goes there.
        PrivateFiles.EnsureDirectory(dataDir);

        // The store opened with the current key, so a leftover master.key.new is from a rotation that never committed.
        File.Delete(newPath);
        var current = store.KeyRing.Master;
        var next = MasterKey.Generate(fromFile ? $"file {keyPath}" : $"file {newPath}");
        MasterKeyFile.Write(newPath, next);

        int count;
        await using (var uow = await store.BeginAsync(cancellationToken).ConfigureAwait(false))
        {
            var keys = await uow.DataKeys.ListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var key in keys)
            {
                if (key.MasterKeyId != current.Id)
                {
                    throw new StorageException($"data key {key.Id} is wrapped by master key {key.MasterKeyId}, not by the current {current.Id}; nothing rotated");
                }

                var bytes = current.Unwrap(key.Wrapped, key.UserId, key.Id);
                await uow.DataKeys.RewrapAsync(key.Id, next.Wrap(bytes, key.UserId, key.Id), next.Id, cancellationToken).ConfigureAwait(false);
                Array.Clear(bytes);
            }

            await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
            count = keys.Count;
        }

        if (fromFile)
        {
            File.Move(keyPath, oldPath);
            File.Move(newPath, keyPath);
        }

        return new RotationResult(current.Id, next.Id, count, fromFile ? keyPath : newPath, fromFile ? oldPath : null);
    }

    /// <summary>
    /// Checks that every data key opens with the current master key, then deletes master.key.old. Returns the number
    /// of keys checked; throws <see cref="StorageException"/> (and keeps the old file) when one does not open.
    /// </summary>
    public static async Task<int> ConfirmAsync(ICofferStore store, StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var count = await VerifyAsync(store, cancellationToken).ConfigureAwait(false);
        File.Delete(Path.Combine(Path.GetFullPath(options.DataDir), MasterKeyFile.OldFileName));
        return count;
    }

    /// <summary>Unwraps every data key with the current master key; returns how many there are.</summary>
    public static async Task<int> VerifyAsync(ICofferStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var uow = await store.BeginReadAsync(cancellationToken).ConfigureAwait(false);
        var keys = await uow.DataKeys.ListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var key in keys)
        {
            Array.Clear(store.KeyRing.Master.Unwrap(key.Wrapped, key.UserId, key.Id));
        }

        return keys.Count;
    }
}
