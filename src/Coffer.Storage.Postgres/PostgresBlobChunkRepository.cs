using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresBlobChunkRepository(PostgresUnitOfWork uow) : IBlobChunkRepository
{
    public async Task<byte[]?> GetNameKeyAsync(long userId, CancellationToken cancellationToken = default) =>
        await uow.ScalarAsync("SELECT sealed FROM blob_keys WHERE user_id = $1", cancellationToken, Arg(userId)).ConfigureAwait(false) as byte[];

    public async Task<byte[]> AddNameKeyAsync(long userId, byte[] sealedKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sealedKey);

        // Two first uploads of one user at once: the second waits for the first's row and keeps it (READ COMMITTED
        // gives the SELECT a snapshot that sees the committed winner).
        await uow.ExecuteAsync("INSERT INTO blob_keys (user_id, sealed, created) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING", cancellationToken, Arg(userId), Arg(sealedKey), Arg(uow.Now)).ConfigureAwait(false);
        return (byte[])(await uow.ScalarAsync("SELECT sealed FROM blob_keys WHERE user_id = $1", cancellationToken, Arg(userId)).ConfigureAwait(false))!;
    }

    public async Task<bool> TouchAsync(long userId, byte[] name, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("UPDATE blob_chunks SET last_used = $1 WHERE user_id = $2 AND name = $3", cancellationToken, Arg(uow.Now), Arg(userId), Arg(name)).ConfigureAwait(false) == 1;

    public Task AddAsync(long userId, byte[] name, long size, byte[] sealedData, CancellationToken cancellationToken = default)
    {
        var now = uow.Now;
        return uow.ExecuteAsync(
            "INSERT INTO blob_chunks (user_id, name, size, created, last_used, data) VALUES ($1, $2, $3, $4, $4, $5) ON CONFLICT (user_id, name) DO NOTHING",
            cancellationToken,
            Arg(userId),
            Arg(name),
            Arg(size),
            Arg(now),
            Arg(sealedData));
    }

    public async Task<byte[]?> GetAsync(long userId, byte[] name, CancellationToken cancellationToken = default) =>
        await uow.ScalarAsync("SELECT data FROM blob_chunks WHERE user_id = $1 AND name = $2", cancellationToken, Arg(userId), Arg(name)).ConfigureAwait(false) as byte[];

    public async Task<IReadOnlyList<BlobChunkInfo>> ListAsync(long userId, byte[]? afterName, int limit, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(
            r => new BlobChunkInfo(r.Bytes(0), r.GetInt64(1), r.Time(2)),
            "SELECT name, size, last_used FROM blob_chunks WHERE user_id = $1 AND name > $2 ORDER BY name LIMIT $3",
            cancellationToken,
            Arg(userId),
            Arg(afterName ?? []),
            Arg(limit)).ConfigureAwait(false);

    public Task<int> DeleteAsync(long userId, IReadOnlyList<byte[]> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        return uow.ExecuteAsync(
            "DELETE FROM blob_chunks WHERE user_id = $1 AND name = ANY($2)",
            cancellationToken,
            Arg(userId),
            new Npgsql.NpgsqlParameter { Value = names.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea });
    }

    public async Task<(long Chunks, long Bytes)> CountAsync(long? userId = null, CancellationToken cancellationToken = default) =>
        (await uow.QueryAsync(
            r => (r.GetInt64(0), r.GetInt64(1)),
            "SELECT COUNT(*), COALESCE(SUM(size), 0)::bigint FROM blob_chunks WHERE $1::bigint IS NULL OR user_id = $1",
            cancellationToken,
            Arg(userId)).ConfigureAwait(false))[0];
}
