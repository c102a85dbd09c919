using Coffer.Storage;
using Coffer.Sync.Auth;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

internal sealed partial class MessageProcessor
{
    /// <summary>
    /// Opens the session of a login verified before this unit of work began (<see cref="Authenticator"/>): only now is
    /// the device registered, the login counted (which spends the md5 nonce) and an outdated password hash replaced.
    /// 212 answers the SyncHdr, with the md5 nonce for the next session (OMA-TS-SyncML-RepPro-V1_2 §4.3). False when
    /// another login of the device took the same nonce first (a replay racing the original).
    /// </summary>
    private async Task<bool> StartSessionAsync(Login login, CancellationToken ct)
    {
        user = login.User;
        device = await uow.Devices.RegisterAccessAsync(user.Id, login.DeviceId, ct);
        var count = login.Md5 ? login.LoginCount : device.LoginCount;
        if (!await uow.Devices.RecordLoginAsync(device.Id, count, ct))
        {
            return false;
        }

        if (login.NewHash != null && await uow.Users.RehashPasswordAsync(user.Id, user.PasswordHash, login.NewHash, ct))
        {
            logger.LogInformation("User {User}: password hash upgraded to the current algorithm and cost", user.Name);
        }

        var status = reply.AddStatus(msgId, "0", "SyncHdr", StatusCode.AuthenticationAccepted, Header.Target?.LocURI, Header.Source?.LocURI);
        if (login.Md5)
        {
            var next = nonces.Next(Md5Nonces.NameKey(user.Name), login.DeviceId, count + 1);
            status.Chal = new Chal { Meta = new MetInf { Type = AuthTypes.Md5, Format = AuthTypes.FormatB64, NextNonce = Md5Nonces.ToNextNonce(next) } };
        }

        state.UserId = user.Id;
        state.UserName = user.Name;
        state.DeviceRowId = device.Id;
        logger.LogInformation("{Session}: authenticated ({Type})", Describe(), login.Md5 ? "md5" : "basic");
        return true;
    }
}
