using System.Security.Cryptography;
using System.Text;
using Coffer.Storage;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

internal sealed partial class MessageProcessor
{
    /// <summary>
    /// Authenticates the first message of a session (OMA-TS-DS_Protocol-V1_2 §5.1, OMA-TS-SyncML_RepPro-V1_2 §5.1.4):
    /// 212 on success (with a fresh md5 nonce for the next session when md5 is used), 401 with a Chal for wrong
    /// credentials, 407 with a Chal when none were sent. HTTP status is ignored by clients: all of this is in-band.
    /// </summary>
    private async Task<bool> AuthenticateAsync(CancellationToken ct)
    {
        var cred = Header.Cred;
        var type = cred?.Meta?.Type?.Trim();
        var deviceId = state.DeviceId;
        if (deviceId.Length == 0)
        {
            return await RejectAsync(StatusCode.BadRequest, null, "the SyncHdr has no Source LocURI (device id)", ct);
        }

        if (cred?.Data == null)
        {
            return await RejectAsync(StatusCode.MissingCredentials, null, "no credentials", ct);
        }

        var isMd5 = string.Equals(type, AuthTypes.Md5, StringComparison.OrdinalIgnoreCase);
        string? userName;
        string? password = null;
        if (isMd5)
        {
            // md5 credentials do not carry the user name: it is the Source LocName (OMA-TS-DS_Protocol-V1_2 §5.1).
            userName = Header.Source?.LocName?.Trim();
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
                return await RejectAsync(StatusCode.InvalidCredentials, null, ex.Message, ct);
            }
        }

        var account = string.IsNullOrEmpty(userName) ? null : await uow.Users.FindByNameAsync(userName, ct);
        if (account == null)
        {
            return await RejectAsync(StatusCode.InvalidCredentials, null, $"unknown user '{userName}'", ct, isMd5);
        }

        user = account;
        var known = await uow.Devices.GetAsync(account.Id, deviceId, ct);
        bool ok;
        if (isMd5)
        {
            var nonce = known?.Nonce ?? [];
            ok = account.Md5Credential != null && Md5Auth.VerifyWithCredentialHash(cred.Data, account.Md5Credential, nonce);
        }
        else
        {
            ok = credentialCache.IsVerified(account.Id, account.PasswordHash, password!);
            if (!ok && PasswordHasher.Verify(password!, account.PasswordHash))
            {
                credentialCache.Remember(account.Id, account.PasswordHash, password!);
                ok = true;
            }
        }

        // The device is registered at first contact of a known user, so the nonce of the challenge can be kept.
        device = await uow.Devices.RegisterAccessAsync(account.Id, deviceId, ct);
        if (!ok)
        {
            return await RejectAsync(StatusCode.InvalidCredentials, device, "wrong password", ct, isMd5);
        }

        var status = reply.AddStatus(msgId, "0", "SyncHdr", StatusCode.AuthenticationAccepted, Header.Target?.LocURI, Header.Source?.LocURI);
        if (isMd5)
        {
            status.Chal = await NewChallengeAsync(AuthTypes.Md5, device, ct);
        }

        state.UserId = user.Id;
        state.UserName = user.Name;
        state.DeviceRowId = device.Id;
        logger.LogInformation("{Session}: authenticated ({Type})", Describe(), isMd5 ? "md5" : "basic");
        return true;
    }

    private async Task<bool> RejectAsync(int code, Device? knownDevice, string reason, CancellationToken ct, bool md5 = false)
    {
        var status = reply.AddStatus(msgId, "0", "SyncHdr", code, Header.Target?.LocURI, Header.Source?.LocURI);
        var chalType = code == StatusCode.MissingCredentials ? options.PreferredAuthType : md5 ? AuthTypes.Md5 : AuthTypes.Basic;
        status.Chal = await NewChallengeAsync(chalType, knownDevice, ct);

        // Every command of an unauthenticated message gets the same status (as the reference server does), so the
        // client reports the authentication failure and retries with the challenge.
        foreach (var command in message.Body.Commands)
        {
            if (command is not StatusCommand)
            {
                Respond(command, code);
            }
        }

        reply.Message.Body.Final = true;
        sessionOutcome = Metrics.SyncSessionOutcome.AuthFailed;
        logger.LogWarning(
            "Authentication failed for device {Device} session {Session} from {Remote}: {Reason} (status {Code})",
            state.DeviceId,
            state.ClientSessionId,
            request.RemoteAddress,
            reason,
            code);
        return false;
    }

    private async Task<Chal> NewChallengeAsync(string type, Device? forDevice, CancellationToken ct)
    {
        var chal = new Chal { Meta = new MetInf { Type = type, Format = "b64" } };
        if (type == AuthTypes.Md5 && forDevice != null)
        {
            // Printable nonce bytes, sent base64-encoded (Format b64): the client decodes them before hashing.
            var nonce = Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)));
            await uow.Devices.SetNonceAsync(forDevice.Id, nonce, ct);
            chal.Meta.NextNonce = Convert.ToBase64String(nonce);
        }

        return chal;
    }
}
