using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteItemRepository(SqliteUnitOfWork uow) : IItemRepository
{
    // The current payload lives only in item_versions (the row of the current version), never twice.
    private const string ItemColumns = "i.id, i.datastore_id, i.version, i.seq, i.deleted, i.content_type, i.identity_key, i.size, i.created, i.modified, i.origin";
    private const string WithPayload = $"SELECT {ItemColumns}, v.payload FROM items i LEFT JOIN item_versions v ON v.item_id = i.id AND v.version = i.version";
    private const string WithoutPayload = $"SELECT {ItemColumns}, NULL FROM items i";
    private const string ById = " WHERE i.id = $id AND i.datastore_id = $ds";
    // The unary + keeps SQLite from answering through the (datastore_id, seq) index, which scans the whole datastore
    // (sqlite.org/optoverview.html "Disqualifying WHERE clause terms").
    private const string ByIds = " WHERE i.id IN (SELECT value FROM json_each($ids)) AND +i.datastore_id = $ds";

    internal const string ItemsByIds = WithPayload + ByIds;

    // Twin lookup (slow sync, once per incoming item). INDEXED BY because, left to itself, SQLite satisfies the
    // ORDER BY with items_live (datastore_id, seq) and scans every live item of the datastore for each lookup,
    // which made a slow sync quadratic in the store size (bench/README.md at 32b55cc). INDEXED BY fails loudly instead.
    private const string IdentityFilter = " INDEXED BY items_identity";
    private const string IdentityWhere = " WHERE i.datastore_id = $ds AND i.identity_key = $ik AND i.identity_key IS NOT NULL AND i.deleted = 0 ORDER BY i.seq";

    internal const string FindByIdentityKeyWithPayload =
        $"SELECT {ItemColumns}, v.payload FROM items i{IdentityFilter} LEFT JOIN item_versions v ON v.item_id = i.id AND v.version = i.version{IdentityWhere}";

    internal const string FindByIdentityKeyWithoutPayload = $"SELECT {ItemColumns}, NULL FROM items i{IdentityFilter}{IdentityWhere}";

    private const string InsertItem =
        "INSERT INTO items (id, datastore_id, version, seq, deleted, content_type, identity_key, size, created, modified, origin) VALUES ($id, $ds, 1, $seq, 0, $ct, $ik, $size, $now, $now, $origin)";

    private const string UpdateItem =
        "UPDATE items SET version = $version, seq = $seq, deleted = $deleted, content_type = $ct, identity_key = $ik, size = $size, modified = $now, origin = $origin WHERE id = $id";

    private const string InsertVersion =
        "INSERT INTO item_versions (item_id, version, seq, deleted, content_type, size, origin, time, payload) VALUES ($id, $version, $seq, $deleted, $ct, $size, $origin, $now, $payload)";

    private const string SelectCurrent = "SELECT version, deleted, content_type, created FROM items WHERE id = $id AND datastore_id = $ds";

    public Task<IReadOnlyList<StoredItem>> AddAsync(long datastoreId, IReadOnlyList<NewItem> items, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<StoredItem>>(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(items);
            var userId = uow.DatastoreUser(datastoreId);
            foreach (var item in items)
            {
                ValidateWrite(item.ContentType, item.Origin);
            }

            if (items.Count == 0)
            {
                return [];
            }

            var codec = uow.Payloads;
            var now = uow.Now;
            var time = DateTimeOffset.FromUnixTimeMilliseconds(now);
            var seq = uow.TakeSequences(userId, items.Count);
            var results = new StoredItem[items.Count];
            for (var n = 0; n < items.Count; n++, seq++)
            {
                var item = items[n];
                // Time-ordered ids (RFC 9562 §5.7, UUIDv7): new items append to the primary key and to every index led by
                // the id instead of landing on random pages; with random (v4) ids a 250-item message dirtied a page per item
                // and the cost per add grew with the store (bench/README.md at 32b55cc).
                var id = item.Id is null ? Guid.CreateVersion7().ToString("D") : NormalizeId(item.Id);
                var payload = codec.Encode(item.Content.Span, new PayloadContext(userId, id, 1));
                var inserted = ExecuteAdd(
                    InsertItem,
                    ("$id", id),
                    ("$ds", datastoreId),
                    ("$seq", seq),
                    ("$ct", item.ContentType),
                    ("$ik", item.IdentityKey),
                    ("$size", item.ContentLength),
                    ("$now", now),
                    ("$origin", item.Origin));
                if (inserted != 1)
                {
                    throw new StorageException($"item {id} could not be added");
                }

                AppendVersion(id, 1, seq, deleted: false, item.ContentType, item.ContentLength, item.Origin, now, payload);
                results[n] = new StoredItem(id, userId, datastoreId, 1, seq, false, item.ContentType, item.Content.ToArray(), item.IdentityKey, item.ContentLength, time, time, item.Origin);
            }

            return results;
        });

    public Task<IReadOnlyList<StoredItem?>> ReplaceAsync(long datastoreId, IReadOnlyList<ItemReplacement> items, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<StoredItem?>>(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(items);
            var userId = uow.DatastoreUser(datastoreId);
            foreach (var item in items)
            {
                ValidateWrite(item.ContentType, item.Origin);
            }

            var plan = Plan(datastoreId, items.Select(i => (i.Id, i.ExpectedVersion, AllowDeleted: true)).ToList());
            var results = new StoredItem?[items.Count];
            var seq = plan.Count(p => p is not null) is var valid and > 0 ? uow.TakeSequences(userId, valid) : 0;
            var codec = uow.Payloads;
            var now = uow.Now;
            for (var n = 0; n < items.Count; n++)
            {
                if (plan[n] is not { } current)
                {
                    continue;
                }

                var item = items[n];
                var version = current.Version + 1;
                var payload = codec.Encode(item.Content.Span, new PayloadContext(userId, current.Id, version));
                uow.Execute(
                    UpdateItem,
                    ("$version", version),
                    ("$seq", seq),
                    ("$deleted", 0),
                    ("$ct", item.ContentType),
                    ("$ik", item.IdentityKey),
                    ("$size", item.ContentLength),
                    ("$now", now),
                    ("$origin", item.Origin),
                    ("$id", current.Id));
                AppendVersion(current.Id, version, seq, deleted: false, item.ContentType, item.ContentLength, item.Origin, now, payload);
                results[n] = new StoredItem(current.Id, userId, datastoreId, version, seq, false, item.ContentType, item.Content.ToArray(), item.IdentityKey, item.ContentLength, current.Created, DateTimeOffset.FromUnixTimeMilliseconds(now), item.Origin);
                seq++;
            }

            return results;
        });

    public Task<IReadOnlyList<StoredItem?>> DeleteAsync(long datastoreId, IReadOnlyList<ItemDeletion> items, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<StoredItem?>>(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(items);
            var userId = uow.DatastoreUser(datastoreId);
            foreach (var item in items)
            {
                ArgumentException.ThrowIfNullOrEmpty(item.Origin);
            }

            var plan = Plan(datastoreId, items.Select(i => (i.Id, i.ExpectedVersion, AllowDeleted: false)).ToList());
            var results = new StoredItem?[items.Count];
            var seq = plan.Count(p => p is not null) is var valid and > 0 ? uow.TakeSequences(userId, valid) : 0;
            var now = uow.Now;
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
                uow.Execute(
                    UpdateItem,
                    ("$version", version),
                    ("$seq", seq),
                    ("$deleted", 1),
                    ("$ct", current.ContentType),
                    ("$ik", null),
                    ("$size", 0),
                    ("$now", now),
                    ("$origin", item.Origin),
                    ("$id", current.Id));
                AppendVersion(current.Id, version, seq, deleted: true, current.ContentType, 0, item.Origin, now, null);
                results[n] = new StoredItem(current.Id, userId, datastoreId, version, seq, true, current.ContentType, null, null, 0, current.Created, DateTimeOffset.FromUnixTimeMilliseconds(now), item.Origin);
                seq++;
            }

            return results;
        });

    public Task<IReadOnlyList<StoredItem>> GetAsync(long datastoreId, IReadOnlyCollection<string> ids, bool withContent = true, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<StoredItem>>(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(ids);
            var userId = uow.DatastoreUser(datastoreId);
            var keys = new List<string>(ids.Count);
            var seen = new HashSet<string>(ids.Count, StringComparer.Ordinal);
            foreach (var id in ids)
            {
                if (TryNormalizeId(id) is { } key && seen.Add(key))
                {
                    keys.Add(key);
                }
            }

            if (keys.Count <= 1)
            {
                // One id (a single Replace or Delete) is a plain primary-key probe, without the JSON round trip.
                var one = keys.Count == 0 ? null : uow.QuerySingle(r => Map(r, userId), (withContent ? WithPayload : WithoutPayload) + ById, ("$id", keys[0]), ("$ds", datastoreId));
                return one == null ? [] : [one];
            }

            // A page of ids (a slow sync loading what it sends) in one statement; answered in the order asked.
            var found = uow.Query(
                    r => Map(r, userId),
                    (withContent ? WithPayload : WithoutPayload) + ByIds,
                    ("$ids", JsonSerializer.Serialize(keys, SqliteJson.Default.IReadOnlyCollectionString)),
                    ("$ds", datastoreId))
                .ToDictionary(i => i.Id, StringComparer.Ordinal);
            var results = new List<StoredItem>(found.Count);
            foreach (var key in keys)
            {
                if (found.TryGetValue(key, out var item))
                {
                    results.Add(item);
                }
            }

            return results;
        });

    public Task<IReadOnlyList<StoredItem>> FindByIdentityKeyAsync(long datastoreId, byte[] identityKey, bool withContent = true, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<StoredItem>>(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(identityKey);
            var userId = uow.DatastoreUser(datastoreId);
            return uow.Query(
                r => Map(r, userId),
                withContent ? FindByIdentityKeyWithPayload : FindByIdentityKeyWithoutPayload,
                ("$ds", datastoreId),
                ("$ik", identityKey));
        });

    public Task<IReadOnlyList<StoredItem>> GetChangesSinceAsync(long datastoreId, long afterSequence, int limit, string? excludeOrigin = null, bool withContent = true, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<StoredItem>>(cancellationToken, () =>
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
            var userId = uow.DatastoreUser(datastoreId);
            return uow.Query(
                r => Map(r, userId),
                (withContent ? WithPayload : WithoutPayload) + " WHERE i.datastore_id = $ds AND i.seq > $after AND ($ex IS NULL OR i.origin <> $ex) ORDER BY i.seq LIMIT $limit",
                ("$ds", datastoreId),
                ("$after", afterSequence),
                ("$ex", excludeOrigin),
                ("$limit", limit));
        });

    public Task<long> CountChangesSinceAsync(long datastoreId, long afterSequence, string? excludeOrigin = null, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => (long)uow.Scalar(
            "SELECT COUNT(*) FROM items i WHERE i.datastore_id = $ds AND i.seq > $after AND ($ex IS NULL OR i.origin <> $ex)",
            ("$ds", datastoreId),
            ("$after", afterSequence),
            ("$ex", excludeOrigin))!);

    public Task<IReadOnlyList<StoredItem>> ListLiveAsync(long datastoreId, long afterSequence, int limit, bool withContent = true, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<StoredItem>>(cancellationToken, () =>
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
            var userId = uow.DatastoreUser(datastoreId);
            return uow.Query(
                r => Map(r, userId),
                (withContent ? WithPayload : WithoutPayload) + " WHERE i.datastore_id = $ds AND i.deleted = 0 AND i.seq > $after ORDER BY i.seq LIMIT $limit",
                ("$ds", datastoreId),
                ("$after", afterSequence),
                ("$limit", limit));
        });

    public Task<long> CountLiveAsync(long datastoreId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => (long)uow.Scalar("SELECT COUNT(*) FROM items i WHERE i.datastore_id = $ds AND i.deleted = 0", ("$ds", datastoreId))!);

    public Task<StorageUsage> GetUsageAsync(long userId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Query(
            r => new StorageUsage(r.GetInt64(0), r.GetInt64(1)),
            "SELECT COUNT(*), COALESCE(SUM(i.size), 0) FROM datastores d JOIN items i ON i.datastore_id = d.id AND i.deleted = 0 WHERE d.user_id = $u",
            ("$u", userId))[0]);

    public Task<long> GetCurrentSequenceAsync(long userId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Scalar("SELECT seq FROM users WHERE id = $u", ("$u", userId)) as long?
            ?? throw new StorageException($"user {userId} does not exist"));

    public Task<IReadOnlyList<ItemVersion>> GetVersionsAsync(long datastoreId, string itemId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<ItemVersion>>(cancellationToken, () =>
        {
            var userId = uow.DatastoreUser(datastoreId);
            return TryNormalizeId(itemId) is not { } id
                ? []
                : uow.Query(
                    r => MapVersion(r, userId),
                    "SELECT v.item_id, v.version, v.seq, v.deleted, v.content_type, v.size, v.origin, v.time, v.payload FROM item_versions v JOIN items i ON i.id = v.item_id WHERE v.item_id = $id AND i.datastore_id = $ds ORDER BY v.version",
                    ("$id", id),
                    ("$ds", datastoreId));
        });

    public Task<ItemVersion?> GetVersionAsync(long datastoreId, string itemId, long version, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            var userId = uow.DatastoreUser(datastoreId);
            return TryNormalizeId(itemId) is not { } id
                ? null
                : uow.QuerySingle(
                    r => MapVersion(r, userId),
                    "SELECT v.item_id, v.version, v.seq, v.deleted, v.content_type, v.size, v.origin, v.time, v.payload FROM item_versions v JOIN items i ON i.id = v.item_id WHERE v.item_id = $id AND v.version = $v AND i.datastore_id = $ds",
                    ("$id", id),
                    ("$v", version),
                    ("$ds", datastoreId));
        });

    /// <summary>Server ids are GUIDs in lowercase "D" form, so a client's spelling of one cannot create a second key.</summary>
    private static string NormalizeId(string id) =>
        TryNormalizeId(id) ?? throw new StorageException($"item id '{id}' is not a GUID");

    private static string? TryNormalizeId(string? id) => Guid.TryParse(id, out var guid) ? guid.ToString("D") : null;

    private static void ValidateWrite(string contentType, string origin)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        ArgumentException.ThrowIfNullOrEmpty(origin);
    }

    private int ExecuteAdd(string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        try
        {
            return uow.Execute(sql, args);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            // SQLITE_CONSTRAINT on the primary key: only a caller-chosen NewItem.Id can collide.
            throw new StorageException($"item {args[0].Value} already exists", e);
        }
    }

    private void AppendVersion(string id, long version, long seq, bool deleted, string contentType, long size, string origin, long now, byte[]? payload) =>
        uow.Execute(
            InsertVersion,
            ("$id", id),
            ("$version", version),
            ("$seq", seq),
            ("$deleted", deleted ? 1 : 0),
            ("$ct", contentType),
            ("$size", size),
            ("$origin", origin),
            ("$now", now),
            ("$payload", payload));

    /// <summary>
    /// Decides which writes of a batch apply, walking the batch in order so an id that appears twice sees the
    /// version its first write produced. Returns the current state per write, null where it does not apply.
    /// </summary>
    private List<Current?> Plan(long datastoreId, List<(string Id, long? ExpectedVersion, bool AllowDeleted)> writes)
    {
        var state = new Dictionary<string, Current?>(StringComparer.Ordinal);
        var plan = new List<Current?>(writes.Count);
        foreach (var (rawId, expected, allowDeleted) in writes)
        {
            if (TryNormalizeId(rawId) is not { } id)
            {
                plan.Add(null);
                continue;
            }

            if (!state.TryGetValue(id, out var current))
            {
                current = uow.QuerySingle(
                    r => new Current(id, r.GetInt64(0), r.GetInt64(1) != 0, r.GetString(2), r.Time(3)),
                    SelectCurrent,
                    ("$id", id),
                    ("$ds", datastoreId));
            }

            var applies = current is not null && (allowDeleted || !current.Deleted) && (expected is null || expected == current.Version);
            plan.Add(applies ? current : null);
            state[id] = applies ? current! with { Version = current!.Version + 1, Deleted = !allowDeleted } : current;
        }

        return plan;
    }

    private StoredItem Map(SqliteDataReader r, long userId)
    {
        var id = r.GetString(0);
        var version = r.GetInt64(2);
        var payload = r.NullableBytes(11);
        var content = payload is null ? null : uow.Payloads.Decode(payload, new PayloadContext(userId, id, version));
        return new StoredItem(id, userId, r.GetInt64(1), version, r.GetInt64(3), r.GetInt64(4) != 0, r.GetString(5), content, r.NullableBytes(6), r.GetInt64(7), r.Time(8), r.Time(9), r.GetString(10));
    }

    private ItemVersion MapVersion(SqliteDataReader r, long userId)
    {
        var id = r.GetString(0);
        var version = r.GetInt64(1);
        var payload = r.NullableBytes(8);
        var content = payload is null ? null : uow.Payloads.Decode(payload, new PayloadContext(userId, id, version));
        return new ItemVersion(id, version, r.GetInt64(2), r.GetInt64(3) != 0, r.GetString(4), content, r.GetInt64(5), r.GetString(6), r.Time(7));
    }

    private sealed record Current(string Id, long Version, bool Deleted, string ContentType, DateTimeOffset Created);
}
