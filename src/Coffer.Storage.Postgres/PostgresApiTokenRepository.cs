using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresApiTokenRepository(PostgresUnitOfWork uow) : IApiTokenRepository
{
    private const string Columns = "id, user_id, name, prefix, created";

    public Task<ApiToken?> CreateAsync(long userId, string name, string prefix, byte[] tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return uow.QuerySingleAsync(
            Map,
            $"INSERT INTO api_tokens (user_id, name, prefix, token_hash, created) SELECT id, $2, $3, $4, $5 FROM users WHERE id = $1 RETURNING {Columns}",
            cancellationToken,
            Arg(userId),
            Arg(name),
            Arg(prefix),
            Arg(tokenHash),
            Arg(uow.Now));
    }

    public Task<ApiToken?> FindByHashAsync(byte[] tokenHash, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, $"SELECT {Columns} FROM api_tokens WHERE token_hash = $1", cancellationToken, Arg(tokenHash));

    public async Task<IReadOnlyList<ApiToken>> ListAsync(long userId, CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"SELECT {Columns} FROM api_tokens WHERE user_id = $1 ORDER BY id DESC", cancellationToken, Arg(userId)).ConfigureAwait(false);

    public async Task<bool> DeleteAsync(long userId, long tokenId, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2", cancellationToken, Arg(tokenId), Arg(userId)).ConfigureAwait(false) == 1;

    private static ApiToken Map(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.Time(4));
}
