using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresDmSnapshotRepository(PostgresUnitOfWork uow) : IDmSnapshotRepository
{
    private const string Columns = "id, device_id, taken, manufacturer, model, firmware, node_count, bytes";

    public async Task<DmSnapshot> AddAsync(long deviceId, string manufacturer, string model, string firmware, int nodeCount, byte[] tree, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var userId = await uow.ScalarAsync("SELECT user_id FROM devices WHERE id = $1", cancellationToken, Arg(deviceId)).ConfigureAwait(false) as long?
            ?? throw new StorageException($"no device {deviceId}");
        var now = uow.Now;
        // The id is part of the sealed tree's associated data, so the row comes first with an empty tree.
        var id = (long)(await uow.ScalarAsync(
            """
            INSERT INTO dm_snapshots (device_id, taken, manufacturer, model, firmware, node_count, bytes, tree)
            VALUES ($1, $2, $3, $4, $5, $6, $7, '\x') RETURNING id
            """,
            cancellationToken,
            Arg(deviceId),
            Arg(now),
            Arg(manufacturer),
            Arg(model),
            Arg(firmware),
            Arg(nodeCount),
            Arg((long)tree.Length)).ConfigureAwait(false))!;
        var sealedTree = uow.Payloads.Encode(tree, DmCredentialContext.Snapshot(userId, id));
        await uow.ExecuteAsync("UPDATE dm_snapshots SET tree = $1 WHERE id = $2", cancellationToken, Arg(sealedTree), Arg(id)).ConfigureAwait(false);
        return new DmSnapshot(id, deviceId, DateTimeOffset.FromUnixTimeMilliseconds(now), manufacturer, model, firmware, nodeCount, tree.Length);
    }

    public async Task<IReadOnlyList<DmSnapshot>> ListAsync(long deviceId, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"SELECT {Columns} FROM dm_snapshots WHERE device_id = $1 ORDER BY taken DESC, id DESC", cancellationToken, Arg(deviceId)).ConfigureAwait(false);

    public Task<DmSnapshot?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, $"SELECT {Columns} FROM dm_snapshots WHERE id = $1", cancellationToken, Arg(id));

    public async Task<byte[]?> GetTreeAsync(long id, CancellationToken cancellationToken = default)
    {
        var rows = await uow.QueryAsync(
            r => (User: r.GetInt64(0), Tree: r.Bytes(1)),
            "SELECT d.user_id, s.tree FROM dm_snapshots s JOIN devices d ON d.id = s.device_id WHERE s.id = $1",
            cancellationToken,
            Arg(id)).ConfigureAwait(false);
        return rows is [var row] ? uow.Payloads.Decode(row.Tree, DmCredentialContext.Snapshot(row.User, id)) : null;
    }

    public Task<int> PruneAsync(long deviceId, int keep, CancellationToken cancellationToken = default) =>
        uow.ExecuteAsync(
            "DELETE FROM dm_snapshots WHERE device_id = $1 AND id NOT IN (SELECT id FROM dm_snapshots WHERE device_id = $1 ORDER BY taken DESC, id DESC LIMIT $2)",
            cancellationToken,
            Arg(deviceId),
            Arg(keep));

    private static DmSnapshot Map(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.Time(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6), r.GetInt64(7));
}
