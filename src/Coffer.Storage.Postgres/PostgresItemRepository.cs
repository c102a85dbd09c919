using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresItemRepository(PostgresUnitOfWork uow) : IItemRepository
{
    // The current payload lives only in item_versions (the row of the current version), never twice.
    private const string ItemColumns = "i.id, i.datastore_id, i.version, i.seq, i.deleted, i.content_type, i.identity_key, i.size, i.created, i.modified, i.origin";
    private const string WithPayload = $"SELECT {ItemColumns}, v.payload FROM items i LEFT JOIN item_versions v ON v.item_id = i.id AND v.version = i.version";
    private const string WithoutPayload = $"SELECT {ItemColumns}, NULL::bytea FROM items i";
    private const string ById = " WHERE i.id = $1 AND i.datastore_id = $2";
    private const string ByIds = " WHERE i.id = ANY($1) AND i.datastore_id = $2";

    // Answered by the partial index items_identity (the twin lookup of a slow sync, once per incoming item).
    private const string ByIdentityKey = " WHERE i.datastore_id = $1 AND i.identity_key = $2 AND i.identity_key IS NOT NULL AND NOT i.deleted ORDER BY i.seq";
    private const string ByIdentityKeys = " WHERE i.datastore_id = $1 AND i.identity_key = ANY($2) AND i.identity_key IS NOT NULL AND NOT i.deleted ORDER BY i.seq";

    private const string InsertItem =
        "INSERT INTO items (id, datastore_id, version, seq, deleted, content_type, identity_key, size, created, modified, origin) VALUES ($1, $2, 1, $3, false, $4, $5, $6, $7, $7, $8)";

    private const string UpdateItem =
        "UPDATE items SET version = $1, seq = $2, deleted = $3, content_type = $4, identity_key = $5, size = $6, modified = $7, origin = $8 WHERE id = $9";

    private const string InsertVersion =
        "INSERT INTO item_versions (item_id, version, seq, deleted, content_type, size, origin, time, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private const string SelectCurrent = "SELECT id, version, deleted, content_type, created FROM items WHERE id = ANY($1) AND datastore_id = $2";

    private const string VersionColumns = "SELECT v.item_id, v.version, v.seq, v.deleted, v.content_type, v.size, v.origin, v.time, v.payload FROM item_versions v JOIN items i ON i.id = v.item_id";

    public async Task<IReadOnlyList<StoredItem>> AddAsync(long datastoreId, IReadOnlyList<NewItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            ValidateWrite(item.ContentType, item.Origin);
        }

        if (items.Count == 0)
        {
            return [];
        }

        // Time-ordered ids (RFC 9562 §5.7, UUIDv7): new items append to the primary key instead of landing on random pages.
        var ids = items.Select(i => i.Id is null ? Guid.CreateVersion7() : ParseId(i.Id)).ToArray();
        var codec = uow.Payloads;
        var now = uow.Now;
        var time = DateTimeOffset.FromUnixTimeMilliseconds(now);
        var seq = await uow.TakeSequencesAsync(userId, items.Count, cancellationToken).ConfigureAwait(false);
        var results = new StoredItem[items.Count];
        await using var batch = uow.Batch();
        for (var n = 0; n < items.Count; n++, seq++)
        {
            var item = items[n];
            var id = ids[n];
            var key = id.ToString("D");
            var payload = codec.Encode(item.Content.Span, new PayloadContext(userId, key, 1));
            batch.BatchCommands.Add(new(InsertItem)
            {
                Parameters = { Arg(id), Arg(datastoreId), Arg(seq), Arg(item.ContentType), Arg(item.IdentityKey), Arg(item.ContentLength), Arg(now), Arg(item.Origin) },
            });
            AppendVersion(batch, id, 1, seq, deleted: false, item.ContentType, item.ContentLength, item.Origin, now, payload);
            results[n] = new StoredItem(key, userId, datastoreId, 1, seq, false, item.ContentType, item.Content.ToArray(), item.IdentityKey, item.ContentLength, time, time, item.Origin);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The primary key: only a caller-chosen NewItem.Id can collide (the transaction is aborted now, as the contract says).
            throw new StorageException($"item {e.BatchCommand?.Parameters[0].Value} already exists", e);
        }

        uow.CountInserted(items.Count);

        return results;
    }

    public async Task<IReadOnlyList<StoredItem?>> ReplaceAsync(long datastoreId, IReadOnlyList<ItemReplacement> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            ValidateWrite(item.ContentType, item.Origin);
        }

        var plan = await PlanAsync(datastoreId, items.Select(i => (i.Id, i.ExpectedVersion, AllowDeleted: true)).ToList(), cancellationToken).ConfigureAwait(false);
        var results = new StoredItem?[items.Count];
        var valid = plan.Count(p => p is not null);
        if (valid == 0)
        {
            return results;
        }

        var seq = await uow.TakeSequencesAsync(userId, valid, cancellationToken).ConfigureAwait(false);
        var codec = uow.Payloads;
        var now = uow.Now;
        await using var batch = uow.Batch();
        for (var n = 0; n < items.Count; n++)
        {
            if (plan[n] is not { } current)
            {
                continue;
            }

            var item = items[n];
            var version = current.Version + 1;
            var key = current.Id.ToString("D");
            var payload = codec.Encode(item.Content.Span, new PayloadContext(userId, key, version));
            batch.BatchCommands.Add(new(UpdateItem)
            {
                Parameters = { Arg(version), Arg(seq), Arg(false), Arg(item.ContentType), Arg(item.IdentityKey), Arg(item.ContentLength), Arg(now), Arg(item.Origin), Arg(current.Id) },
            });
            AppendVersion(batch, current.Id, version, seq, deleted: false, item.ContentType, item.ContentLength, item.Origin, now, payload);
            results[n] = new StoredItem(key, userId, datastoreId, version, seq, false, item.ContentType, item.Content.ToArray(), item.IdentityKey, item.ContentLength, current.Created, DateTimeOffset.FromUnixTimeMilliseconds(now), item.Origin);
            seq++;
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    public async Task<IReadOnlyList<StoredItem?>> DeleteAsync(long datastoreId, IReadOnlyList<ItemDeletion> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            ArgumentException.ThrowIfNullOrEmpty(item.Origin);
        }

        var plan = await PlanAsync(datastoreId, items.Select(i => (i.Id, i.ExpectedVersion, AllowDeleted: false)).ToList(), cancellationToken).ConfigureAwait(false);
        var results = new StoredItem?[items.Count];
        var valid = plan.Count(p => p is not null);
        if (valid == 0)
        {
            return results;
        }

        var seq = await uow.TakeSequencesAsync(userId, valid, cancellationToken).ConfigureAwait(false);
        var now = uow.Now;
        await using var batch = uow.Batch();
        for (var n = 0; n < items.Count; n++)
        {
            if (plan[n] is not { } current)
            {
                continue;
            }

            var item = items[n];
            var version = current.Version + 1;

            // The tombstone drops its identity key (twin lookups want live items) but keeps its sequence, so
            // changes-since reports the delete; the previous content stays recoverable in item_versions.
            batch.BatchCommands.Add(new(UpdateItem)
            {
                Parameters = { Arg(version), Arg(seq), Arg(true), Arg(current.ContentType), Arg((byte[]?)null), Arg(0L), Arg(now), Arg(item.Origin), Arg(current.Id) },
            });
            AppendVersion(batch, current.Id, version, seq, deleted: true, current.ContentType, 0, item.Origin, now, null);
            results[n] = new StoredItem(current.Id.ToString("D"), userId, datastoreId, version, seq, true, current.ContentType, null, null, 0, current.Created, DateTimeOffset.FromUnixTimeMilliseconds(now), item.Origin);
            seq++;
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    public async Task<IReadOnlyList<StoredItem>> GetAsync(long datastoreId, IReadOnlyCollection<string> ids, bool withContent = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        var keys = new List<Guid>(ids.Count);
        var seen = new HashSet<Guid>(ids.Count);
        foreach (var id in ids)
        {
            if (Guid.TryParse(id, out var key) && seen.Add(key))
            {
                keys.Add(key);
            }
        }

        if (keys.Count == 0)
        {
            return [];
        }

        var select = withContent ? WithPayload : WithoutPayload;
        if (keys.Count == 1)
        {
            var one = await uow.QuerySingleAsync(r => Map(r, userId), select + ById, cancellationToken, Arg(keys[0]), Arg(datastoreId)).ConfigureAwait(false);
            return one == null ? [] : [one];
        }

        // A page of ids (a slow sync loading what it sends) in one statement; answered in the order asked.
        var found = (await uow.QueryAsync(r => Map(r, userId), select + ByIds, cancellationToken, Arg(keys.ToArray()), Arg(datastoreId)).ConfigureAwait(false))
            .ToDictionary(i => i.Id, StringComparer.Ordinal);
        var results = new List<StoredItem>(found.Count);
        foreach (var key in keys)
        {
            if (found.TryGetValue(key.ToString("D"), out var item))
            {
                results.Add(item);
            }
        }

        return results;
    }

    public async Task<IReadOnlyList<StoredItem>> FindByIdentityKeyAsync(long datastoreId, byte[] identityKey, bool withContent = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identityKey);
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        return await uow.QueryAsync(r => Map(r, userId), (withContent ? WithPayload : WithoutPayload) + ByIdentityKey, cancellationToken, Arg(datastoreId), Arg(identityKey)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredItem>> FindByIdentityKeysAsync(long datastoreId, IReadOnlyCollection<byte[]> identityKeys, bool withContent = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identityKeys);
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        return identityKeys.Count == 0
            ? []
            : await uow.QueryAsync(r => Map(r, userId), (withContent ? WithPayload : WithoutPayload) + ByIdentityKeys, cancellationToken, Arg(datastoreId), Arg(identityKeys.ToArray())).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredItem>> GetChangesSinceAsync(long datastoreId, long afterSequence, int limit, string? excludeOrigin = null, bool withContent = true, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        return await uow.QueryAsync(
            r => Map(r, userId),
            (withContent ? WithPayload : WithoutPayload) + " WHERE i.datastore_id = $1 AND i.seq > $2 AND ($3::text IS NULL OR i.origin <> $3) ORDER BY i.seq LIMIT $4",
            cancellationToken,
            Arg(datastoreId),
            Arg(afterSequence),
            Arg(excludeOrigin),
            Arg((long)limit)).ConfigureAwait(false);
    }

    public async Task<long> CountChangesSinceAsync(long datastoreId, long afterSequence, string? excludeOrigin = null, CancellationToken cancellationToken = default) =>
        (long)(await uow.ScalarAsync(
            "SELECT COUNT(*) FROM items i WHERE i.datastore_id = $1 AND i.seq > $2 AND ($3::text IS NULL OR i.origin <> $3)",
            cancellationToken,
            Arg(datastoreId),
            Arg(afterSequence),
            Arg(excludeOrigin)).ConfigureAwait(false))!;

    public async Task<IReadOnlyList<StoredItem>> ListLiveAsync(long datastoreId, long afterSequence, int limit, bool withContent = true, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        return await uow.QueryAsync(
            r => Map(r, userId),
            (withContent ? WithPayload : WithoutPayload) + " WHERE i.datastore_id = $1 AND NOT i.deleted AND i.seq > $2 ORDER BY i.seq LIMIT $3",
            cancellationToken,
            Arg(datastoreId),
            Arg(afterSequence),
            Arg((long)limit)).ConfigureAwait(false);
    }

    public async Task<long> CountLiveAsync(long datastoreId, CancellationToken cancellationToken = default) =>
        (long)(await uow.ScalarAsync("SELECT COUNT(*) FROM items i WHERE i.datastore_id = $1 AND NOT i.deleted", cancellationToken, Arg(datastoreId)).ConfigureAwait(false))!;

    public async Task<StorageUsage> GetUsageAsync(long userId, CancellationToken cancellationToken = default) =>
        (await uow.QueryAsync(
            r => new StorageUsage(r.GetInt64(0), r.GetInt64(1)),
            "SELECT COUNT(*), COALESCE(SUM(i.size), 0)::bigint FROM datastores d JOIN items i ON i.datastore_id = d.id AND NOT i.deleted WHERE d.user_id = $1",
            cancellationToken,
            Arg(userId)).ConfigureAwait(false))[0];

    public async Task<long> GetCurrentSequenceAsync(long userId, CancellationToken cancellationToken = default) =>
        await uow.ScalarAsync("SELECT seq FROM users WHERE id = $1", cancellationToken, Arg(userId)).ConfigureAwait(false) as long?
            ?? throw new StorageException($"user {userId} does not exist");

    public async Task<IReadOnlyList<ItemVersion>> GetVersionsAsync(long datastoreId, string itemId, CancellationToken cancellationToken = default)
    {
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        return !Guid.TryParse(itemId, out var id)
            ? []
            : await uow.QueryAsync(
                r => MapVersion(r, userId),
                VersionColumns + " WHERE v.item_id = $1 AND i.datastore_id = $2 ORDER BY v.version",
                cancellationToken,
                Arg(id),
                Arg(datastoreId)).ConfigureAwait(false);
    }

    public async Task<ItemVersion?> GetVersionAsync(long datastoreId, string itemId, long version, CancellationToken cancellationToken = default)
    {
        var userId = await uow.DatastoreUserAsync(datastoreId, cancellationToken).ConfigureAwait(false);
        return !Guid.TryParse(itemId, out var id)
            ? null
            : await uow.QuerySingleAsync(
                r => MapVersion(r, userId),
                VersionColumns + " WHERE v.item_id = $1 AND v.version = $2 AND i.datastore_id = $3",
                cancellationToken,
                Arg(id),
                Arg(version),
                Arg(datastoreId)).ConfigureAwait(false);
    }

    /// <summary>Server ids are GUIDs; any spelling of one names the same item (the uuid column has one form).</summary>
    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var guid) ? guid : throw new StorageException($"item id '{id}' is not a GUID");

    private static void ValidateWrite(string contentType, string origin)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        ArgumentException.ThrowIfNullOrEmpty(origin);
    }

    private static void AppendVersion(NpgsqlBatch batch, Guid id, long version, long seq, bool deleted, string contentType, long size, string origin, long now, byte[]? payload) =>
        batch.BatchCommands.Add(new(InsertVersion)
        {
            Parameters = { Arg(id), Arg(version), Arg(seq), Arg(deleted), Arg(contentType), Arg(size), Arg(origin), Arg(now), Arg(payload) },
        });

    /// <summary>
    /// Decides which writes of a batch apply, walking the batch in order so an id that appears twice sees the
    /// version its first write produced. The current rows of the whole batch come in one query. Returns the current
    /// state per write, null where it does not apply.
    /// </summary>
    private async Task<List<Current?>> PlanAsync(long datastoreId, List<(string Id, long? ExpectedVersion, bool AllowDeleted)> writes, CancellationToken cancellationToken)
    {
        var ids = writes.Select(w => Guid.TryParse(w.Id, out var g) ? g : (Guid?)null).ToList();
        var wanted = ids.OfType<Guid>().Distinct().ToArray();
        var state = wanted.Length == 0
            ? []
            : (await uow.QueryAsync(
                r => new Current(r.GetGuid(0), r.GetInt64(1), r.GetBoolean(2), r.GetString(3), r.Time(4)),
                SelectCurrent,
                cancellationToken,
                Arg(wanted),
                Arg(datastoreId)).ConfigureAwait(false)).ToDictionary(c => c.Id, c => (Current?)c);
        var plan = new List<Current?>(writes.Count);
        for (var n = 0; n < writes.Count; n++)
        {
            var (_, expected, allowDeleted) = writes[n];
            if (ids[n] is not { } id || !state.TryGetValue(id, out var current) || current is null)
            {
                plan.Add(null);
                continue;
            }

            var applies = (allowDeleted || !current.Deleted) && (expected is null || expected == current.Version);
            plan.Add(applies ? current : null);
            if (applies)
            {
                state[id] = current with { Version = current.Version + 1, Deleted = !allowDeleted };
            }
        }

        return plan;
    }

    private StoredItem Map(NpgsqlDataReader r, long userId)
    {
        var id = r.ItemId(0);
        var version = r.GetInt64(2);
        var payload = r.NullableBytes(11);
        var content = payload is null ? null : uow.Payloads.Decode(payload, new PayloadContext(userId, id, version));
        return new StoredItem(id, userId, r.GetInt64(1), version, r.GetInt64(3), r.GetBoolean(4), r.GetString(5), content, r.NullableBytes(6), r.GetInt64(7), r.Time(8), r.Time(9), r.GetString(10));
    }

    private ItemVersion MapVersion(NpgsqlDataReader r, long userId)
    {
        var id = r.ItemId(0);
        var version = r.GetInt64(1);
        var payload = r.NullableBytes(8);
        var content = payload is null ? null : uow.Payloads.Decode(payload, new PayloadContext(userId, id, version));
        return new ItemVersion(id, version, r.GetInt64(2), r.GetBoolean(3), r.GetString(4), content, r.GetInt64(5), r.GetString(6), r.Time(7));
    }

    private sealed record Current(Guid Id, long Version, bool Deleted, string ContentType, DateTimeOffset Created);
}
