using Coffer.Storage;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Coffer.SyncML.Dm;

namespace Coffer.Dm;

/// <summary>
/// The client's authentication (OMA-TS-DM_Security-V1_2 §5.3, §5.5.1): <c>syncml:auth-md5</c> in SyncHdr/Cred over the
/// nonce the server issued last for that device. A good credential takes that nonce and issues a fresh one in the
/// same step, so a replayed message (same digest, same nonce) finds a different nonce and is refused with a new Chal.
/// HMAC-MD5 in the <c>x-syncml-hmac</c> HTTP header (§5.5.2) does the same over the message's bytes.
/// </summary>
internal sealed class DmAuthenticator(IDmLoginThrottle throttle)
{
    public async Task<DmAuthResult> AuthenticateAsync(IUnitOfWork uow, DmRequest request, CancellationToken ct)
    {
        var header = request.Message.Header;
        var remoteAddress = request.RemoteAddress;
        var name = header.Source?.LocName ?? request.Hmac?.Username;
        if (string.IsNullOrEmpty(name))
        {
            return new DmAuthResult(null, StatusCode.MissingCredentials, AuthNonce.Generate());
        }

        if (throttle.IsBlocked(name, remoteAddress))
        {
            return new DmAuthResult(null, StatusCode.InvalidCredentials, null);
        }

        var account = await uow.DmAccounts.FindAsync(name, ct).ConfigureAwait(false);
        var device = account == null ? null : await uow.Devices.GetByIdAsync(account.DeviceId, ct).ConfigureAwait(false);
        if (account == null || device == null || !string.Equals(device.DeviceId, header.Source?.LocURI, StringComparison.Ordinal))
        {
            throttle.Failed(name, remoteAddress);
            return new DmAuthResult(null, StatusCode.InvalidCredentials, AuthNonce.Generate());
        }

        var next = AuthNonce.Generate();
        var cred = header.Cred;
        var nonce = Md5Auth.DecodeNonce(account.ServerNonce);
        bool good;
        if (request.Hmac is { } hmac)
        {
            good = hmac.Username == name && DmHmac.Verify(hmac, account.ClientCredentialHash, nonce, request.Body.Span);
        }
        else if (cred?.Data != null)
        {
            good = (cred.Meta?.Type ?? AuthTypes.Md5) == AuthTypes.Md5 && Md5Auth.VerifyWithCredentialHash(cred.Data, account.ClientCredentialHash, nonce);
        }
        else
        {
            return await ChallengeAsync(uow, account, StatusCode.MissingCredentials, next, ct).ConfigureAwait(false);
        }

        if (!good)
        {
            throttle.Failed(name, remoteAddress);
            return await ChallengeAsync(uow, account, StatusCode.InvalidCredentials, next, ct).ConfigureAwait(false);
        }

        // Another message used the same nonce first: this one is a replay.
        if (!await uow.DmAccounts.ReplaceServerNonceAsync(account.DeviceId, account.ServerNonce, next, ct).ConfigureAwait(false))
        {
            throttle.Failed(name, remoteAddress);
            return new DmAuthResult(null, StatusCode.InvalidCredentials, null);
        }

        return new DmAuthResult(account with { ServerNonce = next }, StatusCode.AuthenticationAccepted, next);
    }

    private static async Task<DmAuthResult> ChallengeAsync(IUnitOfWork uow, DmAccount account, int code, string next, CancellationToken ct)
    {
        var issued = await uow.DmAccounts.ReplaceServerNonceAsync(account.DeviceId, account.ServerNonce, next, ct).ConfigureAwait(false);
        return new DmAuthResult(null, code, issued ? next : null);
    }

    /// <summary>The server's own credential (§5.5.1, the other direction): auth-md5 of its id and secret over the client's nonce.</summary>
    public static Cred ServerCredential(string serverId, DmAccount account) => new()
    {
        Meta = new MetInf { Type = AuthTypes.Md5, Format = DmFormat.B64 },
        Data = Md5Auth.Compute(serverId, account.ServerSecret, Md5Auth.DecodeNonce(account.ClientNonce)),
    };
}
