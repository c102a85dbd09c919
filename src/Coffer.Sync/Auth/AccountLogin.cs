using Coffer.Storage;

namespace Coffer.Sync.Auth;

/// <summary>
/// A user name and password outside SyncML (the JSON API's HTTP Basic): checked exactly as a sync login is, by the
/// same <see cref="PasswordVerifier"/> (bounded PBKDF2, recent-verification cache, same cost for unknown users) and
/// the same <see cref="ILoginThrottle"/>, so the API is no cheaper a way to guess passwords than /sync.
/// </summary>
public sealed class AccountLogin(ICofferStore store, PasswordVerifier verifier, ILoginThrottle throttle)
{
    /// <summary>The account when the password is right; otherwise why not (wrong, no attempts left, or the account is disabled).</summary>
    public async Task<(UserAccount? Account, PasswordCheck Check)> LoginAsync(string userName, string password, string? remoteAddress, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var nameKey = Md5Nonces.NameKey(userName);
        UserAccount? account;
        await using (var read = await store.BeginReadAsync(ct).ConfigureAwait(false))
        {
            account = userName.Trim().Length == 0 ? null : await read.Users.FindByNameAsync(userName, ct).ConfigureAwait(false);
        }

        if (account != null && verifier.IsCached(account, password))
        {
            return Allowed(account);
        }

        if (throttle.IsBlocked(nameKey, remoteAddress))
        {
            return (null, PasswordCheck.Blocked);
        }

        var check = await verifier.VerifyAsync(account, password, () => throttle.IsBlocked(nameKey, remoteAddress), ct).ConfigureAwait(false);
        if (check == PasswordCheck.Wrong)
        {
            throttle.Failed(nameKey, remoteAddress);
        }

        return check == PasswordCheck.Right ? Allowed(account!) : (null, check);
    }

    // Told only after the right password: a guess learns nothing about the account.
    private static (UserAccount? Account, PasswordCheck Check) Allowed(UserAccount account) =>
        account.Disabled ? (null, PasswordCheck.Disabled) : (account, PasswordCheck.Right);
}
