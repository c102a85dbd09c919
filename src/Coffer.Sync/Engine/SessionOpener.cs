using Coffer.Sync.Auth;
using Coffer.SyncML;
using Coffer.SyncML.Auth;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>
/// Authentication's last step, inside the write transaction: opens the session of a login verified before the unit of
/// work began (<see cref="Authenticator"/>). Only now is the device registered, the login counted (which spends the md5
/// nonce) and an outdated password hash replaced.
/// </summary>
internal sealed class SessionOpener(MessageContext ctx, Md5Nonces nonces)
{
    /// <summary>
    /// Answers the SyncHdr with 212, carrying the md5 nonce for the next session (OMA-TS-SyncML-RepPro-V1_2 §4.3).
    /// False when another login of the device took the same nonce first (a replay racing the original).
    /// </summary>
    public async Task<bool> OpenAsync(Login login, CancellationToken ct)
    {
        var uow = ctx.Uow;
        var user = ctx.User = login.User;
        var device = ctx.Device = await uow.Devices.RegisterAccessAsync(user.Id, login.DeviceId, ct);
        var count = login.Md5 ? login.LoginCount : device.LoginCount;
        if (!await uow.Devices.RecordLoginAsync(device.Id, count, ct))
        {
            return false;
        }

        if (login.NewHash != null && await uow.Users.RehashPasswordAsync(user.Id, user.PasswordHash, login.NewHash, ct))
        {
            ctx.Logger.LogInformation("User {User}: password hash upgraded to the current algorithm and cost", user.Name);
        }

        var status = ctx.Reply.AddStatus(ctx.MsgId, "0", "SyncHdr", StatusCode.AuthenticationAccepted, ctx.Header.Target?.LocURI, ctx.Header.Source?.LocURI);
        if (login.Md5)
        {
            var next = nonces.Next(Md5Nonces.NameKey(user.Name), login.DeviceId, count + 1);
            status.Chal = new Chal { Meta = new MetInf { Type = AuthTypes.Md5, Format = AuthTypes.FormatB64, NextNonce = Md5Nonces.ToNextNonce(next) } };
        }

        ctx.State.UserId = user.Id;
        ctx.State.UserName = user.Name;
        ctx.State.DeviceRowId = device.Id;
        ctx.Logger.LogInformation("{Session}: authenticated ({Type})", ctx.Describe(), login.Md5 ? "md5" : "basic");
        return true;
    }
}
