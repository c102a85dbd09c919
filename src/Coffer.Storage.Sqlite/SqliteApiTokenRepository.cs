using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteApiTokenRepository(SqliteUnitOfWork uow) : IApiTokenRepository
{
    private const string Columns = "id, user_id, name, prefix, created";

    public Task<ApiToken?> CreateAsync(long userId, string name, string prefix, byte[] tokenHash, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(tokenHash);
            return uow.Scalar("SELECT 1 FROM users WHERE id = $u", ("$u", userId)) == null
                ? null
                : uow.QuerySingle(
                    Map,
                    $"INSERT INTO api_tokens (user_id, name, prefix, token_hash, created) VALUES ($u, $n, $p, $h, $now) RETURNING {Columns}",
                    ("$u", userId),
                    ("$n", name),
                    ("$p", prefix),
                    ("$h", tokenHash),
                    ("$now", uow.Now));
        });

    public Task<ApiToken?> FindByHashAsync(byte[] tokenHash, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(Map, $"SELECT {Columns} FROM api_tokens WHERE token_hash = $h", ("$h", tokenHash)));

    public Task<IReadOnlyList<ApiToken>> ListAsync(long userId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<ApiToken>>(cancellationToken, () => uow.Query(Map, $"SELECT {Columns} FROM api_tokens WHERE user_id = $u ORDER BY id DESC", ("$u", userId)));

    public Task<bool> DeleteAsync(long userId, long tokenId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("DELETE FROM api_tokens WHERE id = $id AND user_id = $u", ("$id", tokenId), ("$u", userId)) == 1);

    private static ApiToken Map(SqliteDataReader r) => new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.Time(4));
}
