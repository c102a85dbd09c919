using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresUserRepository(PostgresUnitOfWork uow) : IUserRepository
{
    private const string Columns = "id, name, password_hash, identity_secret, seq, created, password_changed, md5_credential";

    public Task<UserAccount?> TryCreateAsync(string name, string passwordHash, string? md5Credential = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);

        // ON CONFLICT DO NOTHING, not a caught unique violation: an error would abort the whole transaction.
        return uow.QuerySingleAsync(
            Map,
            $"INSERT INTO users (name, name_key, password_hash, identity_secret, seq, created, password_changed, md5_credential) VALUES ($1, $2, $3, $4, 0, $5, $5, $6) ON CONFLICT (name_key) DO NOTHING RETURNING {Columns}",
            cancellationToken,
            Arg(name),
            Arg(UserNameKey.Of(name)),
            Arg(passwordHash),
            Arg(IdentityKey.NewSecret()),
            Arg(uow.Now),
            Arg(md5Credential));
    }

    public Task<UserAccount?> GetAsync(long userId, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, $"SELECT {Columns} FROM users WHERE id = $1", cancellationToken, Arg(userId));

    public Task<UserAccount?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(Map, $"SELECT {Columns} FROM users WHERE name_key = $1", cancellationToken, Arg(UserNameKey.Of(name)));

    // COLLATE "C": code point order, as SQLite's BINARY, whatever collation the database was created with.
    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default) =>
        await uow.QueryAsync(Map, $"SELECT {Columns} FROM users ORDER BY name_key COLLATE \"C\"", cancellationToken).ConfigureAwait(false);

    public async Task<bool> SetPasswordHashAsync(long userId, string passwordHash, string? md5Credential = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        return await uow.ExecuteAsync(
            "UPDATE users SET password_hash = $1, md5_credential = $2, password_changed = $3 WHERE id = $4",
            cancellationToken,
            Arg(passwordHash),
            Arg(md5Credential),
            Arg(uow.Now),
            Arg(userId)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RehashPasswordAsync(long userId, string oldHash, string newHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newHash);
        return await uow.ExecuteAsync("UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3", cancellationToken, Arg(newHash), Arg(userId), Arg(oldHash)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> DeleteAsync(long userId, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("DELETE FROM users WHERE id = $1", cancellationToken, Arg(userId)).ConfigureAwait(false) == 1;

    private static UserAccount Map(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.Bytes(3), r.GetInt64(4), r.Time(5), r.Time(6), r.NullableString(7));
}
