using System.Globalization;
using System.Text;
using Npgsql;
using static Coffer.Storage.Postgres.PgArg;

namespace Coffer.Storage.Postgres;

internal sealed class PostgresUserRepository(PostgresUnitOfWork uow) : IUserRepository
{
    private const string Columns = "id, name, password_hash, identity_secret, seq, created, password_changed, md5_credential, admin, disabled";

    public async Task<UserAccount?> TryCreateAsync(string name, string passwordHash, string? md5Credential = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);

        // ON CONFLICT DO NOTHING, not a caught unique violation: an error would abort the whole transaction.
        var created = await uow.QuerySingleAsync(
            Map,
            $"INSERT INTO users (name, name_key, password_hash, identity_secret, seq, created, password_changed, md5_credential) VALUES ($1, $2, $3, $4, 0, $5, $5, NULL) ON CONFLICT (name_key) DO NOTHING RETURNING {Columns}",
            cancellationToken,
            Arg(name),
            Arg(UserNameKey.Of(name)),
            Arg(passwordHash),
            Arg(IdentityKey.NewSecret()),
            Arg(uow.Now)).ConfigureAwait(false);
        if (created is null || md5Credential is null)
        {
            return created;
        }

        // The credential is encrypted under the user's own key, which needs the user's id: it is set second.
        await uow.ExecuteAsync("UPDATE users SET md5_credential = $1 WHERE id = $2", cancellationToken, Arg(SealCredential(created.Id, md5Credential)), Arg(created.Id)).ConfigureAwait(false);
        return created with { Md5Credential = md5Credential };
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
        var md5 = md5Credential is null ? null : SealCredential(userId, md5Credential);

        // The SIP HA1s of the old password go with it; the caller stores the new password's (docs/sip.md).
        await uow.ExecuteAsync("DELETE FROM sip_credentials WHERE user_id = $1", cancellationToken, Arg(userId)).ConfigureAwait(false);
        return await uow.ExecuteAsync(
            "UPDATE users SET password_hash = $1, md5_credential = $2, password_changed = $3 WHERE id = $4",
            cancellationToken,
            Arg(passwordHash),
            Arg(md5),
            Arg(uow.Now),
            Arg(userId)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RehashPasswordAsync(long userId, string oldHash, string newHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newHash);
        return await uow.ExecuteAsync("UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3", cancellationToken, Arg(newHash), Arg(userId), Arg(oldHash)).ConfigureAwait(false) == 1;
    }

    public Task<UserQuota?> GetQuotaAsync(long userId, CancellationToken cancellationToken = default) =>
        uow.QuerySingleAsync(
            r => new UserQuota(r.NullableInt64(0), r.NullableInt64(1)),
            "SELECT quota_items, quota_bytes FROM users WHERE id = $1",
            cancellationToken,
            Arg(userId));

    public async Task<bool> SetQuotaAsync(long userId, UserQuota quota, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quota);
        ArgumentOutOfRangeException.ThrowIfNegative(quota.MaxItems ?? 0);
        ArgumentOutOfRangeException.ThrowIfNegative(quota.MaxBytes ?? 0);
        return await uow.ExecuteAsync(
            "UPDATE users SET quota_items = $1, quota_bytes = $2 WHERE id = $3",
            cancellationToken,
            Arg(quota.MaxItems),
            Arg(quota.MaxBytes),
            Arg(userId)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> SetAdminAsync(long userId, bool admin, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("UPDATE users SET admin = $1 WHERE id = $2", cancellationToken, Arg(admin), Arg(userId)).ConfigureAwait(false) == 1;

    public async Task<bool> SetDisabledAsync(long userId, bool disabled, CancellationToken cancellationToken = default) =>
        await uow.ExecuteAsync("UPDATE users SET disabled = $1 WHERE id = $2", cancellationToken, Arg(disabled), Arg(userId)).ConfigureAwait(false) == 1;

    public async Task<bool> DeleteAsync(long userId, CancellationToken cancellationToken = default)
    {
        // With the user's data keys gone, whatever of theirs lingers (dead tuples, WAL) cannot be decrypted.
        await uow.ExecuteAsync("DELETE FROM data_keys WHERE user_id = $1", cancellationToken, Arg(userId)).ConfigureAwait(false);
        uow.Store.KeyRing.Forget(userId);
        return await uow.ExecuteAsync("DELETE FROM users WHERE id = $1", cancellationToken, Arg(userId)).ConfigureAwait(false) == 1;
    }

    /// <summary>The md5 credential as stored: encrypted under the user's key, bound to the user.</summary>
    private byte[] SealCredential(long userId, string credential) =>
        uow.Payloads.Encode(Encoding.UTF8.GetBytes(credential), CredentialContext(userId));

    private static PayloadContext CredentialContext(long userId) =>
        new(userId, userId.ToString(CultureInfo.InvariantCulture), 0, PayloadKind.Md5Credential);

    private UserAccount Map(NpgsqlDataReader r)
    {
        var id = r.GetInt64(0);
        // Without the header: a credential kept as text before encryption at rest (migration 4 kept its bytes).
        var md5 = r.NullableBytes(7) is { } stored
            ? PayloadProtector.HasHeader(stored) ? Encoding.UTF8.GetString(uow.Payloads.Decode(stored, CredentialContext(id))) : Encoding.UTF8.GetString(stored)
            : null;
        return new(id, r.GetString(1), r.GetString(2), r.Bytes(3), r.GetInt64(4), r.Time(5), r.Time(6), md5, r.GetBoolean(8), r.GetBoolean(9));
    }
}
