using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

internal sealed class SqliteUserRepository(SqliteUnitOfWork uow) : IUserRepository
{
    private const string Columns = "id, name, password_hash, identity_secret, seq, created, password_changed, md5_credential, admin, disabled";

    public Task<UserAccount?> TryCreateAsync(string name, string passwordHash, string? md5Credential = null, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
            var now = uow.Now;

            // ON CONFLICT DO NOTHING instead of catching a unique violation: on PostgreSQL an error would abort the
            // whole transaction, and the contract says a taken name just returns null.
            var created = uow.QuerySingle(
                Map,
                $"INSERT INTO users (name, name_key, password_hash, identity_secret, seq, created, password_changed, md5_credential) VALUES ($name, $key, $hash, $secret, 0, $now, $now, NULL) ON CONFLICT (name_key) DO NOTHING RETURNING {Columns}",
                ("$name", name),
                ("$key", NameKey(name)),
                ("$hash", passwordHash),
                ("$secret", IdentityKey.NewSecret()),
                ("$now", now));
            if (created is null || md5Credential is null)
            {
                return created;
            }

            // The credential is encrypted under the user's own key, which needs the user's id: it is set second.
            uow.Execute("UPDATE users SET md5_credential = $md5 WHERE id = $id", ("$md5", SealCredential(uow, created.Id, md5Credential)), ("$id", created.Id));
            return created with { Md5Credential = md5Credential };
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
            var md5 = md5Credential is null ? null : SealCredential(uow, userId, md5Credential);

            // The SIP HA1s of the old password go with it; the caller stores the new password's (docs/sip.md).
            uow.Execute("DELETE FROM sip_credentials WHERE user_id = $id", ("$id", userId));
            return uow.Execute("UPDATE users SET password_hash = $hash, md5_credential = $md5, password_changed = $now WHERE id = $id", ("$hash", passwordHash), ("$md5", md5), ("$now", uow.Now), ("$id", userId)) == 1;
        });

    public Task<bool> RehashPasswordAsync(long userId, string oldHash, string newHash, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(newHash);
            return uow.Execute("UPDATE users SET password_hash = $new WHERE id = $id AND password_hash = $old", ("$new", newHash), ("$id", userId), ("$old", oldHash)) == 1;
        });

    public Task<UserQuota?> GetQuotaAsync(long userId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.QuerySingle(
            r => new UserQuota(r.NullableInt64(0), r.NullableInt64(1)),
            "SELECT quota_items, quota_bytes FROM users WHERE id = $id",
            ("$id", userId)));

    public Task<bool> SetQuotaAsync(long userId, UserQuota quota, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            ArgumentNullException.ThrowIfNull(quota);
            ArgumentOutOfRangeException.ThrowIfNegative(quota.MaxItems ?? 0);
            ArgumentOutOfRangeException.ThrowIfNegative(quota.MaxBytes ?? 0);
            return uow.Execute("UPDATE users SET quota_items = $items, quota_bytes = $bytes WHERE id = $id", ("$items", quota.MaxItems), ("$bytes", quota.MaxBytes), ("$id", userId)) == 1;
        });

    public Task<bool> SetAdminAsync(long userId, bool admin, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("UPDATE users SET admin = $v WHERE id = $id", ("$v", admin ? 1 : 0), ("$id", userId)) == 1);

    public Task<bool> SetDisabledAsync(long userId, bool disabled, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () => uow.Execute("UPDATE users SET disabled = $v WHERE id = $id", ("$v", disabled ? 1 : 0), ("$id", userId)) == 1);

    public Task<bool> DeleteAsync(long userId, CancellationToken cancellationToken = default) =>
        SqliteValues.Run(cancellationToken, () =>
        {
            // With the user's data keys gone, whatever of theirs lingers (free pages, WAL frames) cannot be decrypted.
            uow.Execute("DELETE FROM data_keys WHERE user_id = $id", ("$id", userId));
            uow.Store.KeyRing.Forget(userId);
            return uow.Execute("DELETE FROM users WHERE id = $id", ("$id", userId)) == 1;
        });

    internal static string NameKey(string name) => UserNameKey.Of(name);

    /// <summary>The md5 credential as stored: encrypted under the user's key, bound to the user.</summary>
    internal static byte[] SealCredential(SqliteUnitOfWork uow, long userId, string credential) =>
        uow.Payloads.Encode(Encoding.UTF8.GetBytes(credential), CredentialContext(userId));

    private static PayloadContext CredentialContext(long userId) =>
        new(userId, userId.ToString(CultureInfo.InvariantCulture), 0, PayloadKind.Md5Credential);

    private UserAccount Map(SqliteDataReader r)
    {
        var id = r.GetInt64(0);
        // Text: a credential stored before encryption at rest (the start-up pass encrypts it).
        var md5 = r.IsDBNull(7) ? null
            : r.GetFieldType(7) == typeof(string) ? r.GetString(7)
            : Encoding.UTF8.GetString(uow.Payloads.Decode(r.Blob(7), CredentialContext(id)));
        return new(id, r.GetString(1), r.GetString(2), r.Blob(3), r.GetInt64(4), r.Time(5), r.Time(6), md5, r.GetInt64(8) != 0, r.GetInt64(9) != 0);
    }
}
