using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteDmSnapshotRepository(SqliteUnitOfWork uow) : IDmSnapshotRepository
{
    private const string Columns = "id, device_id, taken, manufacturer, model, firmware, node_count, bytes";

    public Task<DmSnapshot> AddAsync(long deviceId, string manufacturer, string model, string firmware, int nodeCount, byte[] tree, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(tree);
            var userId = uow.Scalar("SELECT user_id FROM devices WHERE id = $d", ("$d", deviceId)) as long?
                ?? throw new StorageException($"no device {deviceId}");
            var now = uow.Now;
            // The id is part of the sealed tree's associated data, so the row comes first with an empty tree.
            var id = (long)uow.Scalar(
                """
                INSERT INTO dm_snapshots (device_id, taken, manufacturer, model, firmware, node_count, bytes, tree)
                VALUES ($d, $t, $man, $mod, $fw, $n, $b, x'') RETURNING id
                """,
                ("$d", deviceId),
                ("$t", now),
                ("$man", manufacturer),
                ("$mod", model),
                ("$fw", firmware),
                ("$n", nodeCount),
                ("$b", (long)tree.Length))!;
            uow.Execute("UPDATE dm_snapshots SET tree = $tree WHERE id = $id", ("$tree", uow.Payloads.Encode(tree, DmCredentialContext.Snapshot(userId, id))), ("$id", id));
            return new DmSnapshot(id, deviceId, DateTimeOffset.FromUnixTimeMilliseconds(now), manufacturer, model, firmware, nodeCount, tree.Length);
        });

    public Task<IReadOnlyList<DmSnapshot>> ListAsync(long deviceId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<DmSnapshot>>(cancellationToken, () =>
            uow.Query(Map, $"SELECT {Columns} FROM dm_snapshots WHERE device_id = $d ORDER BY taken DESC, id DESC", ("$d", deviceId)));

    public Task<DmSnapshot?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(Map, $"SELECT {Columns} FROM dm_snapshots WHERE id = $id", ("$id", id)));

    public Task<byte[]?> GetTreeAsync(long id, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            var rows = uow.Query(r => (User: r.GetInt64(0), Tree: r.Blob(1)), "SELECT d.user_id, s.tree FROM dm_snapshots s JOIN devices d ON d.id = s.device_id WHERE s.id = $id", ("$id", id));
            return rows is [var row] ? uow.Payloads.Decode(row.Tree, DmCredentialContext.Snapshot(row.User, id)) : null;
        });

    public Task<int> PruneAsync(long deviceId, int keep, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute(
            "DELETE FROM dm_snapshots WHERE device_id = $d AND id NOT IN (SELECT id FROM dm_snapshots WHERE device_id = $d ORDER BY taken DESC, id DESC LIMIT $k)",
            ("$d", deviceId),
            ("$k", keep)));

    private static DmSnapshot Map(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.Time(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6), r.GetInt64(7));
}
