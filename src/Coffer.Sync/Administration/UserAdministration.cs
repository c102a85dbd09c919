using Coffer.Storage;
using Coffer.Sync.Sip;

namespace Coffer.Sync.Administration;

/// <summary>
/// Accounts as administrators manage them (docs/web.md, "Administration"): list, create, disable and enable, grant
/// and revoke administration, reset the password, set the quota, delete. Each change is written to the audit log in
/// the same transaction, naming the administrator (<c>actor</c>). A password set here also gets its SIP digest HA1s
/// (docs/sip.md).
/// </summary>
public sealed class UserAdministration(ICofferStore store, SipRealm sipRealm)
{
    public async Task<IReadOnlyList<AdminUserSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var read = await store.BeginReadAsync(ct);
        var users = await read.Users.ListAsync(ct);
        var list = new List<AdminUserSummary>(users.Count);
        foreach (var user in users)
        {
            var devices = await read.Devices.ListAsync(user.Id, ct);
            var quota = await read.Users.GetQuotaAsync(user.Id, ct) ?? new UserQuota(null, null);
            list.Add(new AdminUserSummary(
                user.Id,
                user.Name,
                user.Admin,
                user.Disabled,
                user.Created,
                quota,
                await read.Items.GetUsageAsync(user.Id, ct),
                devices.Count,
                devices.Count == 0 ? null : devices.Max(d => d.LastAccess)));
        }

        return list;
    }

    public async Task<AdminResult> CreateAsync(string actor, string name, string password, bool admin, CancellationToken ct = default)
    {
        name = name?.Trim() ?? string.Empty;
        if (name.Length == 0 || name.Contains(':', StringComparison.Ordinal))
        {
            // auth-basic credentials are "user:password" (RFC 7617 §2), so a name cannot contain ':'.
            return AdminResult.Refused("A user name must be non-empty and must not contain ':'.");
        }

        if (string.IsNullOrEmpty(password))
        {
            return AdminResult.Refused("A password is required.");
        }

        // PBKDF2 is slow on purpose: hashed before the write transaction begins.
        var hash = PasswordHasher.Hash(password);
        await using var uow = await store.BeginAsync(ct);
        var user = await uow.Users.TryCreateAsync(name, hash, null, ct);
        if (user == null)
        {
            return AdminResult.Refused($"User '{name}' already exists.");
        }

        await uow.SipCredentials.SetAsync(user.Id, sipRealm.Credential(user.Name, password), ct);
        if (admin)
        {
            await uow.Users.SetAdminAsync(user.Id, true, ct);
        }

        await uow.AuditLog.AppendAsync(actor, "user.create", user.Name, admin ? "administrator" : null, ct);
        await uow.CommitAsync(ct);
        return AdminResult.Ok($"Created {(admin ? "administrator" : "user")} '{user.Name}'.");
    }

    public Task<AdminResult> SetDisabledAsync(string actor, long userId, bool disabled, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, disabled ? "user.disable" : "user.enable", null, async (uow, user) =>
        {
            if (disabled && string.Equals(UserNameKey.Of(user.Name), UserNameKey.Of(actor), StringComparison.Ordinal))
            {
                return AdminResult.Refused("You cannot disable your own account.");
            }

            await uow.Users.SetDisabledAsync(user.Id, disabled, ct);
            return AdminResult.Ok(disabled ? $"'{user.Name}' is disabled." : $"'{user.Name}' is enabled.");
        }, ct);

    public Task<AdminResult> SetAdminAsync(string actor, long userId, bool admin, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, admin ? "user.admin.grant" : "user.admin.revoke", null, async (uow, user) =>
        {
            if (!admin && string.Equals(UserNameKey.Of(user.Name), UserNameKey.Of(actor), StringComparison.Ordinal))
            {
                return AdminResult.Refused("You cannot revoke your own administration.");
            }

            await uow.Users.SetAdminAsync(user.Id, admin, ct);
            return AdminResult.Ok(admin ? $"'{user.Name}' is an administrator." : $"'{user.Name}' is no longer an administrator.");
        }, ct);

    public async Task<AdminResult> ResetPasswordAsync(string actor, long userId, string password, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(password))
        {
            return AdminResult.Refused("A password is required.");
        }

        var hash = PasswordHasher.Hash(password);
        return await ChangeAsync(actor, userId, "user.password", null, async (uow, user) =>
        {
            // Without an md5 credential: the administrator does not know which phones need one (coffer user passwd --md5).
            await uow.Users.SetPasswordHashAsync(user.Id, hash, null, ct);
            await uow.SipCredentials.SetAsync(user.Id, sipRealm.Credential(user.Name, password), ct);
            return AdminResult.Ok($"Password of '{user.Name}' reset.");
        }, ct);
    }

    public Task<AdminResult> SetQuotaAsync(string actor, long userId, UserQuota quota, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quota);
        if (quota.MaxItems < 0 || quota.MaxBytes < 0)
        {
            return Task.FromResult(AdminResult.Refused("A quota cannot be negative (0 means unlimited, empty the server's default)."));
        }

        return ChangeAsync(actor, userId, "user.quota", $"items {Show(quota.MaxItems)}, bytes {Show(quota.MaxBytes)}", async (uow, user) =>
        {
            await uow.Users.SetQuotaAsync(user.Id, quota, ct);
            return AdminResult.Ok($"Quota of '{user.Name}' set.");
        }, ct);
    }

    public Task<AdminResult> DeleteAsync(string actor, long userId, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, "user.delete", null, async (uow, user) =>
        {
            if (string.Equals(UserNameKey.Of(user.Name), UserNameKey.Of(actor), StringComparison.Ordinal))
            {
                return AdminResult.Refused("You cannot delete your own account.");
            }

            await uow.Users.DeleteAsync(user.Id, ct);
            return AdminResult.Ok($"Deleted '{user.Name}' and all of their data.");
        }, ct);

    private static string Show(long? limit) => limit switch
    {
        null => "default",
        0 => "unlimited",
        { } n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<AdminResult> ChangeAsync(string actor, long userId, string action, string? details, Func<IUnitOfWork, UserAccount, Task<AdminResult>> change, CancellationToken ct)
    {
        await using var uow = await store.BeginAsync(ct);
        var user = await uow.Users.GetAsync(userId, ct);
        if (user == null)
        {
            return AdminResult.Refused("No such user.");
        }

        var result = await change(uow, user);
        if (result.Done)
        {
            await uow.AuditLog.AppendAsync(actor, action, user.Name, details, ct);
            await uow.CommitAsync(ct);
        }

        return result;
    }
}
