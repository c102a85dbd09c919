using System.Text.Json;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteIdMapRepository(SqliteUnitOfWork uow) : IIdMapRepository
{
    private const string ByLuid = "SELECT luid, item_id FROM id_maps WHERE device_id = $dev AND datastore_id = $ds AND luid";
    private const string ByGuid = "SELECT item_id, luid FROM id_maps WHERE device_id = $dev AND datastore_id = $ds AND item_id";
    private const string OneKey = " = $keys";
    private const string KeyList = " IN (SELECT value FROM json_each($keys))";

    internal const string GuidsByLuids = ByLuid + KeyList;

    internal const string LuidsByGuids = ByGuid + KeyList;

    public Task UpsertAsync(long deviceId, long datastoreId, IReadOnlyList<IdMapEntry> entries, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(entries);
            foreach (var (luid, guid) in entries)
            {
                ArgumentException.ThrowIfNullOrEmpty(luid);
                ArgumentException.ThrowIfNullOrEmpty(guid);

                // One-to-one in one statement: REPLACE first deletes every row the new one conflicts with, on the LUID
                // (primary key) and on the GUID (id_maps_guid), then inserts (sqlite.org/lang_conflict.html).
                uow.Execute(
                    "INSERT OR REPLACE INTO id_maps (device_id, datastore_id, luid, item_id) VALUES ($dev, $ds, $luid, $guid)",
                    ("$dev", deviceId),
                    ("$ds", datastoreId),
                    ("$luid", luid),
                    ("$guid", guid));
            }

            return true;
        });

    public Task<IReadOnlyDictionary<string, string>> GetGuidsAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> luids, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => Lookup(ByLuid + OneKey, GuidsByLuids, deviceId, datastoreId, luids));

    public Task<IReadOnlyDictionary<string, string>> GetLuidsAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> guids, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => Lookup(ByGuid + OneKey, LuidsByGuids, deviceId, datastoreId, guids));

    public Task<int> DeleteByLuidAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> luids, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => DeleteEach("DELETE FROM id_maps WHERE device_id = $dev AND datastore_id = $ds AND luid = $key", deviceId, datastoreId, luids));

    public Task<int> DeleteByGuidAsync(long deviceId, long datastoreId, IReadOnlyCollection<string> guids, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => DeleteEach("DELETE FROM id_maps WHERE device_id = $dev AND datastore_id = $ds AND item_id = $key", deviceId, datastoreId, guids));

    public Task<int> ClearAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("DELETE FROM id_maps WHERE device_id = $dev AND datastore_id = $ds", ("$dev", deviceId), ("$ds", datastoreId)));

    public Task<long> CountAsync(long deviceId, long datastoreId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => (long)uow.Scalar("SELECT COUNT(*) FROM id_maps WHERE device_id = $dev AND datastore_id = $ds", ("$dev", deviceId), ("$ds", datastoreId))!);

    /// <summary>
    /// One query for a whole page of keys (the key list travels as a JSON array; both lookups are served by an index,
    /// the primary key for LUIDs and id_maps_guid for GUIDs): a slow sync asks for 200 at a time, 10,000 per session.
    /// </summary>
    private IReadOnlyDictionary<string, string> Lookup(string oneKeySql, string keyListSql, long deviceId, long datastoreId, IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        // One key (a device sends one item per command) is a plain probe, without the JSON round trip.
        var (sql, arg) = keys.Count == 1
            ? (oneKeySql, keys.First())
            : (keyListSql, JsonSerializer.Serialize(keys, SqliteJson.Default.IReadOnlyCollectionString));
        foreach (var (key, value) in uow.Query(r => (r.GetString(0), r.GetString(1)), sql, ("$dev", deviceId), ("$ds", datastoreId), ("$keys", arg)))
        {
            result[key] = value;
        }

        return result;
    }

    private int DeleteEach(string sql, long deviceId, long datastoreId, IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var count = 0;
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            count += uow.Execute(sql, ("$dev", deviceId), ("$ds", datastoreId), ("$key", key));
        }

        return count;
    }
}
