using Coffer.Storage;
using Coffer.Sync.Auth;
using Coffer.Sync.Sip;
using Coffer.SyncML.Auth;

namespace Coffer.Sync.Settings;

/// <summary>
/// A user changing their own password: the current one is checked as a login is (<see cref="AccountLogin"/>, the same
/// throttle), the new one is hashed before the write lock, and an account that keeps an md5 credential for phones
/// that only do syncml:auth-md5 gets it recomputed from the new password (docs/operations.md), and the SIP digest
/// HA1s are stored for the new password (docs/sip.md).
/// </summary>
public sealed class PasswordChange(ICofferStore store, AccountLogin login, SipRealm sipRealm)
{
    public const int MinLength = 8;

    public async Task<PasswordChangeResult> ChangeAsync(long userId, string current, string replacement, string? remoteAddress, CancellationToken ct = default)
    {
        if (replacement.Length < MinLength)
        {
            return PasswordChangeResult.TooShort;
        }

        UserAccount? account;
        await using (var read = await store.BeginReadAsync(ct))
        {
            account = await read.Users.GetAsync(userId, ct);
        }

        if (account == null)
        {
            return PasswordChangeResult.WrongPassword;
        }

        var (checkedAccount, check) = await login.LoginAsync(account.Name, current, remoteAddress, ct);
        if (check == PasswordCheck.Blocked)
        {
            return PasswordChangeResult.Blocked;
        }

        if (check != PasswordCheck.Right || checkedAccount?.Id != userId)
        {
            return PasswordChangeResult.WrongPassword;
        }

        var hash = PasswordHasher.Hash(replacement);
        var md5 = checkedAccount.Md5Credential != null ? Md5Auth.CredentialHash(checkedAccount.Name, replacement) : null;
        await using var uow = await store.BeginAsync(ct);
        if (!await uow.Users.SetPasswordHashAsync(userId, hash, md5, ct))
        {
            return PasswordChangeResult.WrongPassword;
        }

        await uow.SipCredentials.SetAsync(userId, sipRealm.Credential(checkedAccount.Name, replacement), ct);

        await uow.CommitAsync(ct);
        return PasswordChangeResult.Changed;
    }
}
