using Coffer.Storage;
using Coffer.SyncML.Auth;
using Coffer.SyncML.Dm;
using Coffer.SyncML.San;

namespace Coffer.Dm;

/// <summary>
/// Package 0 for a device (OMA-TS-DM_Notification-V1_2 §6): signed with the server id and the device's server secret
/// over the nonce the device issued last (the one the server's own credential goes over; empty before any), so the
/// device checks it as it checks the server's Cred. Its SessionID is kept with the account until package 1 answers it.
/// </summary>
public sealed class DmPackageZero(ICofferStore store, DmServerOptions options)
{
    /// <summary>The package for the device; null when it has no DM account.</summary>
    public async Task<byte[]?> BuildAsync(long deviceId, SanInitiator initiator, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct).ConfigureAwait(false);
        if (await uow.DmAccounts.GetAsync(deviceId, ct).ConfigureAwait(false) is not { } account)
        {
            return null;
        }

        var notification = new DmNotification
        {
            UiMode = SanUiMode.Background,
            Initiator = initiator,
            SessionId = (ushort)System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, ushort.MaxValue),
        };

        // Package 1 of the session this starts must name the same SessionID (DmSessionGuard.AnswersNotification).
        await uow.DmAccounts.SetNotifiedSessionAsync(deviceId, notification.SessionId, ct).ConfigureAwait(false);
        await uow.CommitAsync(ct).ConfigureAwait(false);
        return DmNotificationCodec.Encode(notification, options.ServerId, account.ServerSecret, Md5Auth.DecodeNonce(account.ClientNonce));
    }
}
