using Coffer.Server.Api;
using Coffer.Storage;
using Coffer.Sync.Notifications;
using Coffer.SyncML.San;

namespace Coffer.Server.Notifications;

/// <summary>
/// The device side of the HTTP push channel (docs/api.md, "Notifications"), always on the caller's own device:
/// <c>POST /api/devices/{device}/notify-secret</c> issues the device's notification secret (replacing any earlier
/// one) with the server identifier the digest uses, registering a device the server has not seen yet; <c>GET /api/devices/{device}/notifications?wait=SECONDS</c> is the
/// agent's long poll: 200 with a package #0 (application/vnd.syncml.ds.notification, the media type of a DS package #0) or 204 when none came in time;
/// <c>POST /api/devices/{device}/alerts</c> <c>{ kind: sync|backup|restore }</c> sends the device a notification now.
/// </summary>
public static class NotificationApiEndpoints
{
    /// <summary>OMA-TS-DS_Notification-V1_2 §8 (the MIME type of package #0).</summary>
    public const string ContentType = SanCodec.MediaType;

    /// <summary>The longest device id a notify-secret request registers (a SyncML LocURI of a device id is short).</summary>
    private const int MaxDeviceIdLength = 200;

    public static void MapNotificationApi(this RouteGroupBuilder api)
    {
        var device = api.MapGroup("/devices/{device}");
        // A device the server has not seen yet (a new phone waiting for a restore) becomes one of the caller's here.
        device.MapPost("/notify-secret", async (HttpContext http, string device, ICofferStore store, DeviceAlerts alerts, NotificationOptions options) =>
        {
            if (device.Length > MaxDeviceIdLength)
            {
                return Results.NotFound();
            }

            var row = await OwnOrNewDeviceAsync(http, device, store);
            return await alerts.IssueSecretAsync(row.UserId, row.Id, http.RequestAborted) is { } secret
                ? Results.Ok(new NotifySecret(options.ServerId, secret))
                : Results.NotFound();
        });
        device.MapPost("/alerts", async (HttpContext http, string device, AlertRequest request, ICofferStore store, DeviceNotificationSender sender) =>
        {
            if (await OwnDeviceAsync(http, device, store) is not { } row || !DeviceAlertKinds.TryParse(request.Kind, out var kind))
            {
                return Results.NotFound();
            }

            return await sender.SendAsync(row.UserId, row.DeviceId, kind, SanInitiator.User, http.RequestAborted) is { } error
                ? Results.Problem(error, statusCode: StatusCodes.Status409Conflict)
                : Results.Accepted();
        });
        device.MapGet("/notifications", async (HttpContext http, string device, int? wait, ICofferStore store, PushMailbox mailbox, NotificationOptions options, TimeProvider time) =>
        {
            if (await OwnDeviceAsync(http, device, store) is not { } row)
            {
                return Results.NotFound();
            }

            var hold = TimeSpan.FromSeconds(Math.Clamp(wait ?? 0, 0, options.MaxPollWait.TotalSeconds));
            try
            {
                return await mailbox.TakeAsync(row.Id, hold, time, http.RequestAborted) is { } package ? Results.Bytes(package, ContentType) : Results.NoContent();
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                return Results.NoContent();
            }
        });
    }

    private static async Task<Device> OwnOrNewDeviceAsync(HttpContext http, string device, ICofferStore store)
    {
        if (await OwnDeviceAsync(http, device, store) is { } known)
        {
            return known;
        }

        await using var uow = await store.BeginAsync(http.RequestAborted);
        var registered = await uow.Devices.RegisterAccessAsync(ApiUser.Of(http).Id, device, http.RequestAborted);
        await uow.CommitAsync(http.RequestAborted);
        return registered;
    }

    private static async Task<Device?> OwnDeviceAsync(HttpContext http, string device, ICofferStore store)
    {
        await using var read = await store.BeginReadAsync(http.RequestAborted);
        return await read.Devices.GetAsync(ApiUser.Of(http).Id, device, http.RequestAborted);
    }
}
