using Coffer.Storage;
using Coffer.Sync.Content;

namespace Coffer.Sync.Recovery;

/// <summary>
/// The "time machine" (seed 001; docs/history-and-recovery.md): every version of every item with its origin and time,
/// deleted items, and restores of one item, one datastore or a whole account to a point in time. A restore is a new
/// change (origin "restore"), so every device receives it at its next two-way sync.
/// </summary>
public sealed class ItemHistory(ICofferStore store, ContentHandlers handlers, HistoryOptions options, TimeProvider time)
{
    /// <summary>Every kept version of the item, oldest first; empty when the user has no such item.</summary>
    public async Task<IReadOnlyList<ItemVersion>> VersionsAsync(long userId, DatastoreKind kind, string itemId, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct);
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct);
        return datastore == null ? [] : await uow.Items.GetVersionsAsync(datastore.Id, itemId, ct);
    }

    /// <summary>Deleted items that can still be restored, most recently deleted first, of one datastore or of all.</summary>
    public async Task<IReadOnlyList<DeletedItem>> ListDeletedAsync(long userId, DatastoreKind? kind, int limit = 200, CancellationToken ct = default)
    {
        await using var uow = await store.BeginReadAsync(ct);
        var deleted = new List<DeletedItem>();
        foreach (var datastore in await uow.Datastores.ListAsync(userId, ct))
        {
            if (kind == null || datastore.Kind == kind)
            {
                deleted.AddRange(await uow.History.ListDeletedAsync(datastore.Id, limit, ct));
            }
        }

        return [.. deleted.OrderByDescending(d => d.DeletedAt).Take(limit)];
    }

    /// <summary>
    /// The item as it was at <paramref name="at"/> (deleted if it was deleted or did not exist then); without a time,
    /// its last live version (an undelete).
    /// </summary>
    public async Task<RestoreResult> RestoreItemAsync(long userId, DatastoreKind kind, string itemId, DateTimeOffset? at, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        var (user, datastore) = await OpenAsync(uow, userId, kind, at, ct);
        var versions = await uow.Items.GetVersionsAsync(datastore.Id, itemId, ct);
        if (versions.Count == 0)
        {
            throw new RecoveryException($"no item {itemId} in {Name(kind)}");
        }

        var target = at is { } t ? versions.LastOrDefault(v => v.Time <= t) : versions.LastOrDefault(v => !v.Deleted);
        var current = versions[^1];
        var result = new RestoreResult(0, 0);
        if (target is { Deleted: false, Content: { } content })
        {
            if (current.Deleted || current.Version != target.Version)
            {
                using var identity = new ItemIdentity(handlers, user);
                var written = await uow.Items.ReplaceAsync(datastore.Id, [new ItemReplacement(current.ItemId, target.ContentType, content, ItemOrigins.Restore, identity.KeyOf(kind, target.ContentType, content), Size: target.Size)], ct);
                result = new RestoreResult(written.Count(w => w != null), 0);
            }
        }
        else if (!current.Deleted)
        {
            var written = await uow.Items.DeleteAsync(datastore.Id, [new ItemDeletion(current.ItemId, ItemOrigins.Restore)], ct);
            result = new RestoreResult(0, written.Count(w => w != null));
        }

        await uow.CommitAsync(ct);
        return result;
    }

    /// <summary>The datastore as it was at <paramref name="at"/>: every item at its version then; items added since are deleted.</summary>
    public async Task<RestoreResult> RestoreDatastoreAsync(long userId, DatastoreKind kind, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        var (user, datastore) = await OpenAsync(uow, userId, kind, at, ct);
        using var identity = new ItemIdentity(handlers, user);
        var result = await RestoreAsync(uow, datastore, identity, at, ct);
        await uow.CommitAsync(ct);
        return result;
    }

    /// <summary>Every datastore of the account as it was at <paramref name="at"/>, in one transaction.</summary>
    public async Task<RestoreResult> RestoreAccountAsync(long userId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct);
        var user = await uow.Users.GetAsync(userId, ct) ?? throw new RecoveryException($"no user {userId}");
        CheckWithinHistory(at);
        using var identity = new ItemIdentity(handlers, user);
        var total = new RestoreResult(0, 0);
        foreach (var datastore in await uow.Datastores.ListAsync(userId, ct))
        {
            var result = await RestoreAsync(uow, datastore, identity, at, ct);
            total = new RestoreResult(total.Restored + result.Restored, total.Deleted + result.Deleted);
        }

        await uow.CommitAsync(ct);
        return total;
    }

    private static async Task<RestoreResult> RestoreAsync(IUnitOfWork uow, Datastore datastore, ItemIdentity identity, DateTimeOffset at, CancellationToken ct)
    {
        var then = await uow.History.GetStateAtAsync(datastore.Id, at, ct);
        var wanted = then.Where(v => !v.Deleted).ToDictionary(v => v.ItemId, v => v.Version, StringComparer.Ordinal);
        return await new ItemStateWriter(uow, datastore, identity, ItemOrigins.Restore).ApplyAsync(wanted, ct);
    }

    private static string Name(DatastoreKind kind) => kind.ToString().ToLowerInvariant();

    private async Task<(UserAccount User, Datastore Datastore)> OpenAsync(IUnitOfWork uow, long userId, DatastoreKind kind, DateTimeOffset? at, CancellationToken ct)
    {
        if (at is { } t)
        {
            CheckWithinHistory(t);
        }

        var user = await uow.Users.GetAsync(userId, ct) ?? throw new RecoveryException($"no user {userId}");
        var datastore = await uow.Datastores.GetAsync(userId, kind, ct) ?? throw new RecoveryException($"no {Name(kind)} datastore");
        return (user, datastore);
    }

    /// <summary>Retention keeps every version needed for a time within it (IHistoryRepository.PruneAsync), not before.</summary>
    private void CheckWithinHistory(DateTimeOffset at)
    {
        var oldest = time.GetUtcNow() - options.Retention;
        if (at < oldest)
        {
            throw new RecoveryException($"the history reaches back {options.RetentionDays} days, to {oldest:u}");
        }
    }
}
