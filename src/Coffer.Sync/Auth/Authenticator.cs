using Coffer.Storage;
using Coffer.Sync.Metrics;
using Coffer.Sync.Sessions;
using Coffer.SyncML;
using Coffer.SyncML.Auth;

namespace Coffer.Sync.Auth;

/// <summary>
/// Checks the credentials of a SyncHdr (OMA-TS-DS_Protocol-V1_2 §5.1; OMA-TS-SyncML-RepPro-V1_2 §4.3 "Security") with
/// reads only: nothing is written and no write lock is held until a login is verified, so a flood of bad logins
/// cannot stall anyone else's sync. Failed logins are limited (<see cref="ILoginThrottle"/>) and cost the same time
/// whether the user exists or not.
/// </summary>
internal sealed class Authenticator(SyncServerOptions options, PasswordVerifier verifier, ILoginThrottle throttle)
{
    /// <summary>The first message of a session: who is this?</summary>
    public async Task<AuthOutcome> LoginAsync(IUnitOfWork read, SyncHdr header, string? remote, Md5Nonces nonces, CancellationToken ct)
    {
        var deviceId = header.Source?.LocURI?.Trim() ?? string.Empty;
        if (deviceId.Length == 0)
        {
            return new LoginRefusal(StatusCode.BadRequest, AuthFailure.Invalid, "the SyncHdr has no Source LocURI (device id)");
        }

        var cred = header.Cred;
        var isMd5 = string.Equals(cred?.Meta?.Type?.Trim(), AuthTypes.Md5, StringComparison.OrdinalIgnoreCase);
        string? userName;
        string? password = null;
        if (cred?.Data == null || isMd5)
        {
            // md5 credentials do not carry the user name: it is the Source LocName (OMA-TS-DS_Protocol-V1_2 §5.1).
            userName = header.Source?.LocName?.Trim();
        }
        else
        {
            try
            {
                var basic = BasicAuth.Decode(cred.Data);
                userName = basic.User;
                password = basic.Password;
            }
            catch (SyncMLFormatException ex)
            {
                throttle.Failed(string.Empty, remote);
                return new LoginRefusal(StatusCode.InvalidCredentials, AuthFailure.Invalid, ex.Message, AuthTypes.Basic, Delayed: true);
            }
        }

        var nameKey = Md5Nonces.NameKey(userName);
        var account = string.IsNullOrEmpty(userName) ? null : await read.Users.FindByNameAsync(userName, ct).ConfigureAwait(false);
        var device = account == null ? null : await read.Devices.GetAsync(account.Id, deviceId, ct).ConfigureAwait(false);
        var loginCount = device?.LoginCount ?? 0;
        if (cred?.Data == null)
        {
            var md5Chal = options.PreferredAuthType == AuthTypes.Md5;
            return new LoginRefusal(StatusCode.MissingCredentials, AuthFailure.Missing, "no credentials", options.PreferredAuthType, md5Chal ? nonces.Challenge(nameKey, deviceId, loginCount) : null);
        }

        if (!isMd5 && account != null && verifier.IsCached(account, password!))
        {
            return new Login(account, deviceId, device, false, loginCount, null);
        }

        if (throttle.IsBlocked(nameKey, remote))
        {
            return Throttled(userName);
        }

        if (isMd5)
        {
            return Md5Login(account, device, deviceId, nameKey, cred.Data, remote, nonces);
        }

        var check = await verifier.VerifyAsync(account, password!, () => throttle.IsBlocked(nameKey, remote), ct).ConfigureAwait(false);
        if (check == PasswordCheck.Blocked)
        {
            return Throttled(userName);
        }

        if (check == PasswordCheck.Wrong)
        {
            throttle.Failed(nameKey, remote);
            return new LoginRefusal(StatusCode.InvalidCredentials, AuthFailure.Invalid, $"wrong user name or password for '{userName}'", AuthTypes.Basic, Delayed: true);
        }

        var newHash = PasswordHasher.NeedsRehash(account!.PasswordHash) ? await verifier.RehashAsync(password!, ct).ConfigureAwait(false) : null;
        return new Login(account, deviceId, device, false, loginCount, newHash);
    }

    /// <summary>
    /// A later message of a session: it must come from the session's device and, when it carries credentials, from
    /// the session's user with the right password. Null when it may go on.
    /// </summary>
    public async Task<LoginRefusal?> CheckSessionAsync(IUnitOfWork read, SessionState state, SyncHdr header, string? remote, Md5Nonces nonces, CancellationToken ct)
    {
        var deviceId = header.Source?.LocURI?.Trim() ?? string.Empty;
        if (!string.Equals(deviceId, state.DeviceId, StringComparison.Ordinal))
        {
            return Mismatch($"device '{deviceId}' sent a message of a session of another device");
        }

        var locName = header.Source?.LocName?.Trim();
        var sessionKey = Md5Nonces.NameKey(state.UserName);
        if (!string.IsNullOrEmpty(locName) && Md5Nonces.NameKey(locName) != sessionKey)
        {
            return Mismatch($"user '{locName}' sent a message of a session of another user");
        }

        var cred = header.Cred;
        if (cred?.Data == null)
        {
            return null;
        }

        var account = await read.Users.GetAsync(state.UserId, ct).ConfigureAwait(false);
        if (account == null)
        {
            return Mismatch("the session's user no longer exists");
        }

        if (string.Equals(cred.Meta?.Type?.Trim(), AuthTypes.Md5, StringComparison.OrdinalIgnoreCase))
        {
            // The client may repeat the digest of its login or take the NextNonce of our 212.
            var device = await read.Devices.GetByIdAsync(state.DeviceRowId, ct).ConfigureAwait(false);
            var count = device?.LoginCount ?? 0;
            var candidates = nonces.Valid(sessionKey, deviceId, count).Concat(nonces.Valid(sessionKey, deviceId, count - 1));
            if (account.Md5Credential != null && candidates.Any(n => Md5Auth.VerifyWithCredentialHash(cred.Data, account.Md5Credential, n)))
            {
                return null;
            }

            throttle.Failed(sessionKey, remote);
            return Mismatch("md5 credentials do not match the session's user");
        }

        BasicCredentials basic;
        try
        {
            basic = BasicAuth.Decode(cred.Data);
        }
        catch (SyncMLFormatException ex)
        {
            return Mismatch(ex.Message);
        }

        if (Md5Nonces.NameKey(basic.User) != sessionKey)
        {
            return Mismatch($"user '{basic.User}' sent a message of a session of another user");
        }

        if (verifier.IsCached(account, basic.Password))
        {
            return null;
        }

        if (throttle.IsBlocked(sessionKey, remote))
        {
            return Throttled(basic.User);
        }

        var check = await verifier.VerifyAsync(account, basic.Password, () => throttle.IsBlocked(sessionKey, remote), ct).ConfigureAwait(false);
        if (check == PasswordCheck.Right)
        {
            return null;
        }

        if (check == PasswordCheck.Wrong)
        {
            throttle.Failed(sessionKey, remote);
        }

        return check == PasswordCheck.Blocked ? Throttled(basic.User) : Mismatch("wrong password for the session's user");
    }

    private AuthOutcome Md5Login(UserAccount? account, Device? device, string deviceId, string nameKey, string data, string? remote, Md5Nonces nonces)
    {
        var count = device?.LoginCount ?? 0;
        var fresh = nonces.Challenge(nameKey, deviceId, count);
        if (account?.Md5Credential is { } inner)
        {
            // A nonce stored by an earlier server version is still good for one login.
            var valid = nonces.Valid(nameKey, deviceId, count).Append(device?.Nonce ?? []).Where(n => n.Length > 0);
            if (valid.Any(n => Md5Auth.VerifyWithCredentialHash(data, inner, n)))
            {
                return new Login(account, deviceId, device, true, count, null);
            }

            // The right password over a nonce we did not issue now (none, or one already used): a client's first
            // contact, or a replay. Not a guess: answer with a fresh nonce without counting a failure.
            var used = count > 0 ? nonces.Valid(nameKey, deviceId, count - 1) : [];
            if (used.Prepend([]).Any(n => Md5Auth.VerifyWithCredentialHash(data, inner, n)))
            {
                return new LoginRefusal(StatusCode.InvalidCredentials, AuthFailure.StaleNonce, "md5 digest over a nonce that is not (or no longer) valid", AuthTypes.Md5, fresh);
            }
        }

        throttle.Failed(nameKey, remote);
        return new LoginRefusal(StatusCode.InvalidCredentials, AuthFailure.Invalid, $"wrong user name or password for '{nameKey}' (md5)", AuthTypes.Md5, fresh, Delayed: true);
    }

    private static LoginRefusal Throttled(string? userName) =>
        new(StatusCode.RetryLater, AuthFailure.Throttled, $"too many failed logins for '{userName}' or from this address", Delayed: true);

    private static LoginRefusal Mismatch(string reason) =>
        new(StatusCode.InvalidCredentials, AuthFailure.SessionMismatch, reason, Delayed: true);
}
