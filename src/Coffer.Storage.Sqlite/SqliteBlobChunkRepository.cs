namespace Coffer.Storage.Sqlite;

internal sealed class SqliteBlobChunkRepository(SqliteUnitOfWork uow) : IBlobChunkRepository
{
    public Task<byte[]?> GetNameKeyAsync(long userId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Scalar("SELECT sealed FROM blob_keys WHERE user_id = $u", ("$u", userId)) as byte[]);

    public Task<byte[]> AddNameKeyAsync(long userId, byte[] sealedKey, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(sealedKey);
            uow.Execute("INSERT INTO blob_keys (user_id, sealed, created) VALUES ($u, $k, $now) ON CONFLICT (user_id) DO NOTHING", ("$u", userId), ("$k", sealedKey), ("$now", uow.Now));
            return (byte[])uow.Scalar("SELECT sealed FROM blob_keys WHERE user_id = $u", ("$u", userId))!;
        });

    public Task<bool> TouchAsync(long userId, byte[] name, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("UPDATE blob_chunks SET last_used = $now WHERE user_id = $u AND name = $n", ("$now", uow.Now), ("$u", userId), ("$n", name)) == 1);

    public Task AddAsync(long userId, byte[] name, long size, byte[] sealedData, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            var now = uow.Now;
            return uow.Execute(
                "INSERT INTO blob_chunks (user_id, name, size, created, last_used, data) VALUES ($u, $n, $s, $now, $now, $d) ON CONFLICT (user_id, name) DO NOTHING",
                ("$u", userId),
                ("$n", name),
                ("$s", size),
                ("$now", now),
                ("$d", sealedData));
        });

    public Task<byte[]?> GetAsync(long userId, byte[] name, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Scalar("SELECT data FROM blob_chunks WHERE user_id = $u AND name = $n", ("$u", userId), ("$n", name)) as byte[]);

    public Task<IReadOnlyList<BlobChunkInfo>> ListAsync(long userId, byte[]? afterName, int limit, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<BlobChunkInfo>>(cancellationToken, () => uow.Query(
            r => new BlobChunkInfo(r.Blob(0), r.GetInt64(1), r.Time(2)),
            "SELECT name, size, last_used FROM blob_chunks WHERE user_id = $u AND name > $after ORDER BY name LIMIT $limit",
            ("$u", userId),
            ("$after", afterName ?? []),
            ("$limit", limit)));

    public Task<int> DeleteAsync(long userId, IReadOnlyList<byte[]> names, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(names);
            var deleted = 0;
            foreach (var name in names)
            {
                deleted += uow.Execute("DELETE FROM blob_chunks WHERE user_id = $u AND name = $n", ("$u", userId), ("$n", name));
            }

            return deleted;
        });

    public Task<(long Chunks, long Bytes)> CountAsync(long? userId = null, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Query(
            r => (r.GetInt64(0), r.GetInt64(1)),
            "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM blob_chunks WHERE $u IS NULL OR user_id = $u",
            ("$u", userId))[0]);
}
