using Coffer.Storage;
using Coffer.SyncML;
using Coffer.SyncML.Auth;

namespace Coffer.Dm;

/// <summary>
/// The client's authentication (OMA-TS-DM_Security-V1_2 §5.3, §5.5.1): <c>syncml:auth-md5</c> in SyncHdr/Cred over the
/// nonce the server issued last for that device. A good credential takes that nonce and issues a fresh one in the
/// same step, so a replayed message (same digest, same nonce) finds a different nonce and is refused with a new Chal.
/// </summary>
internal sealed class DmAuthenticator(IDmLoginThrottle throttle)
{
    public async Task<DmAuthResult> AuthenticateAsync(IUnitOfWork uow, SyncHdr header, string? remoteAddress, CancellationToken ct)
    {
        var name = header.Source?.LocName;
        if (string.IsNullOrEmpty(name))
        {
            return new DmAuthResult(null, DmCodes.MissingCredentials, AuthNonce.Generate());
        }

        if (throttle.IsBlocked(name, remoteAddress))
        {
            return new DmAuthResult(null, DmCodes.InvalidCredentials, null);
        }

        var account = await uow.DmAccounts.FindAsync(name, ct).ConfigureAwait(false);
        var device = account == null ? null : await uow.Devices.GetByIdAsync(account.DeviceId, ct).ConfigureAwait(false);
        if (account == null || device == null || !string.Equals(device.DeviceId, header.Source?.LocURI, StringComparison.Ordinal))
        {
            throttle.Failed(name, remoteAddress);
            return new DmAuthResult(null, DmCodes.InvalidCredentials, AuthNonce.Generate());
        }

        var next = AuthNonce.Generate();
        var cred = header.Cred;
        if (cred?.Data == null)
        {
            return await ChallengeAsync(uow, account, DmCodes.MissingCredentials, next, ct).ConfigureAwait(false);
        }

        var good = (cred.Meta?.Type ?? DmCodes.AuthMd5) == DmCodes.AuthMd5 &&
            Md5Auth.VerifyWithCredentialHash(cred.Data, account.ClientCredentialHash, Md5Auth.DecodeNonce(account.ServerNonce));
        if (!good)
        {
            throttle.Failed(name, remoteAddress);
            return await ChallengeAsync(uow, account, DmCodes.InvalidCredentials, next, ct).ConfigureAwait(false);
        }

        // Another message used the same nonce first: this one is a replay.
        if (!await uow.DmAccounts.ReplaceServerNonceAsync(account.DeviceId, account.ServerNonce, next, ct).ConfigureAwait(false))
        {
            throttle.Failed(name, remoteAddress);
            return new DmAuthResult(null, DmCodes.InvalidCredentials, null);
        }

        return new DmAuthResult(account with { ServerNonce = next }, DmCodes.AuthenticationAccepted, next);
    }

    private static async Task<DmAuthResult> ChallengeAsync(IUnitOfWork uow, DmAccount account, int code, string next, CancellationToken ct)
    {
        var issued = await uow.DmAccounts.ReplaceServerNonceAsync(account.DeviceId, account.ServerNonce, next, ct).ConfigureAwait(false);
        return new DmAuthResult(null, code, issued ? next : null);
    }

    /// <summary>The server's own credential (§5.5.1, the other direction): auth-md5 of its id and secret over the client's nonce.</summary>
    public static Cred ServerCredential(string serverId, DmAccount account) => new()
    {
        Meta = new MetInf { Type = DmCodes.AuthMd5, Format = DmCodes.B64 },
        Data = Md5Auth.Compute(serverId, account.ServerSecret, Md5Auth.DecodeNonce(account.ClientNonce)),
    };
}
