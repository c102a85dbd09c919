using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresIdMapRepository(PostgresUnitOfWork uow) : IIdMapRepository
{
    // Pages come in key order, as SQLite answers them from the index.
    private const string ByLuid = "SELECT luid, item_id FROM id_maps WHERE device_id = $1 AND datastore_id = $2 AND luid";
    private const string ByGuid = "SELECT item_id, luid FROM id_maps WHERE device_id = $1 AND datastore_id = $2 AND item_id";
    private const string OneLuid = ByLuid + " = $3";
    private const string OneGuid = ByGuid + " = $3";
    private const string LuidList = ByLuid + " = ANY($3) ORDER BY luid";
    private const string GuidList = ByGuid + " = ANY($3) ORDER BY item_id";

    public async Task UpsertAsync(long deviceId, long datastoreId, IReadOnlyList<IdMapEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (luid, guid) in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(luid);
            ArgumentException.ThrowIfNullOrEmpty(guid);
        }

        if (entries.Count == 0)
        {
            return;
        }

        // One-to-one, entry by entry in list order and all in one round trip: another LUID holding the GUID goes, then
        // the LUID's row is inserted or pointed at the GUID. The same end as SQLite's INSERT OR REPLACE: every row the
        // new one conflicts with goes first.
        await using var batch = uow.Batch();
        foreach (var (luid, guid) in entries)
        {
            batch.BatchCommands.Add(new("DELETE FROM id_maps WHERE device_id = $1 AND datastore_id = $2 AND item_id = $3 AND luid <> $4")
            {
                Parameters = { Arg(deviceId), Arg(datastoreId), Arg(guid), Arg(luid) },
            });
            batch.BatchCommands.Add(new("INSERT INTO id_maps (device_id, datastore_id, luid, item_id) VALUES ($1, $2, $3, $4) ON CONFLICT (device_id, datastore_id, luid) DO UPDATE SET item_id = excluded.item_id")
            {
                Parameters = { Arg(deviceId), Arg(datastoreId), Arg(luid), Arg(guid) },
            });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyDictionary<string, string>> GetGuidsAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> luids, CancellationToken cancellationToken = default) =>
        LookupAsync(OneLuid, LuidList, deviceId, datastoreId, luids, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetLuidsAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> guids, CancellationToken cancellationToken = default) =>
        LookupAsync(OneGuid, GuidList, deviceId, datastoreId, guids, cancellationToken);

    public Task<int> DeleteByLuidAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> luids, CancellationToken cancellationToken = default) =>
        DeleteAsync("DELETE FROM id_maps WHERE device_id = $1 AND datastore_id = $2 AND luid = ANY($3)", deviceId, datastoreId, luids, cancellationToken);

    public Task<int> DeleteByGuidAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> guids, CancellationToken cancellationToken = default) =>
        DeleteAsync("DELETE FROM id_maps WHERE device_id = $1 AND datastore_id = $2 AND item_id = ANY($3)", deviceId, datastoreId, guids, cancellationToken);

    public Task<int> ClearAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default) =>
        uow.ExecuteAsync("DELETE FROM id_maps WHERE device_id = $1 AND datastore_id = $2", cancellationToken, Arg(deviceId), Arg(datastoreId));

    public async Task<long> CountAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default) =>
        (long)(await uow.ScalarAsync("SELECT COUNT(*) FROM id_maps WHERE device_id = $1 AND datastore_id = $2", cancellationToken, Arg(deviceId), Arg(datastoreId)).ConfigureAwait(false))!;

    /// <summary>
    /// One query for a whole page of keys, passed as one array parameter (served by the primary key for LUIDs and by
    /// id_maps_guid for GUIDs): a slow sync asks for 200 at a time, 10,000 per session.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> LookupAsync(string oneKeySql, string keyListSql, long deviceId, long datastoreId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        var rows = keys.Count == 1
            ? await uow.QueryAsync(r => (r.GetString(0), r.GetString(1)), oneKeySql, cancellationToken, Arg(deviceId), Arg(datastoreId), Arg(keys.First())).ConfigureAwait(false)
            : await uow.QueryAsync(r => (r.GetString(0), r.GetString(1)), keyListSql, cancellationToken, Arg(deviceId), Arg(datastoreId), Arg(keys.ToArray())).ConfigureAwait(false);
        foreach (var (key, value) in rows)
        {
            result[key] = value;
        }

        return result;
    }

    private Task<int> DeleteAsync(string sql, long deviceId, long datastoreId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Count == 0
            ? Task.FromResult(0)
            : uow.ExecuteAsync(sql, cancellationToken, Arg(deviceId), Arg(datastoreId), Arg(keys.Distinct(StringComparer.Ordinal).ToArray()));
    }
}
