using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteUserRepository(SqliteUnitOfWork uow) : IUserRepository
{
    private const string Columns = "id, name, password_hash, identity_secret, seq, created, password_changed, md5_credential";

    public Task<UserAccount?> TryCreateAsync(string name, string passwordHash, string? md5Credential = null, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
            var now = uow.Now;

            // ON CONFLICT DO NOTHING instead of catching a unique violation: on PostgreSQL an error would abort the
            // whole transaction, and the contract says a taken name just returns null.
            return uow.QuerySingle(
                Map,
                $"INSERT INTO users (name, name_key, password_hash, identity_secret, seq, created, password_changed, md5_credential) VALUES ($name, $key, $hash, $secret, 0, $now, $now, $md5) ON CONFLICT (name_key) DO NOTHING RETURNING {Columns}",
                ("$name", name),
                ("$key", NameKey(name)),
                ("$hash", passwordHash),
                ("$secret", IdentityKey.NewSecret()),
                ("$md5", (object?)md5Credential ?? DBNull.Value),
                ("$now", now));
        });

    public Task<UserAccount?> GetAsync(long userId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(Map, $"SELECT {Columns} FROM users WHERE id = $id", ("$id", userId)));

    public Task<UserAccount?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(Map, $"SELECT {Columns} FROM users WHERE name_key = $key", ("$key", NameKey(name))));

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default) =>
        SqliteValues.Run<IReadOnlyList<UserAccount>>(cancellationToken, () => uow.Query(Map, $"SELECT {Columns} FROM users ORDER BY name_key"));

    public Task<bool> SetPasswordHashAsync(long userId, string passwordHash, string? md5Credential = null, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
            return uow.Execute("UPDATE users SET password_hash = $hash, md5_credential = $md5, password_changed = $now WHERE id = $id", ("$hash", passwordHash), ("$md5", (object?)md5Credential ?? DBNull.Value), ("$now", uow.Now), ("$id", userId)) == 1;
        });

    public Task<bool> RehashPasswordAsync(long userId, string oldHash, string newHash, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(newHash);
            return uow.Execute("UPDATE users SET password_hash = $new WHERE id = $id AND password_hash = $old", ("$new", newHash), ("$id", userId), ("$old", oldHash)) == 1;
        });

    public Task<bool> DeleteAsync(long userId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("DELETE FROM users WHERE id = $id", ("$id", userId)) == 1);

    internal static string NameKey(string name) => UserNameKey.Of(name);

    private static UserAccount Map(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.Blob(3), r.GetInt64(4), r.Time(5), r.Time(6), r.NullableString(7));
}
