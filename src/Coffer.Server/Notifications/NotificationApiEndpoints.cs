using Coffer.Server.Api;
using Coffer.Storage;
using Coffer.Sync.Notifications;
using Coffer.SyncML.San;

namespace Coffer.Server.Notifications;

/// <summary>
/// The device side of the HTTP push channel (docs/api.md, "Notifications"), always on the caller's own device:
/// <c>POST /api/devices/{device}/notify-secret</c> issues the device's notification secret (replacing any earlier
/// one) with the server identifier the digest uses; <c>POST /api/devices</c> <c>{ deviceId }</c> registers a device
/// the server has not seen yet; <c>GET /api/devices/{device}/notifications?wait=SECONDS</c> is the
/// agent's long poll: 200 with a package #0 (application/vnd.syncml.ds.notification, the media type of a DS package #0) or 204 when none came in time;
/// <c>POST /api/devices/{device}/alerts</c> <c>{ kind: sync|backup|restore }</c> sends the device a notification now.
/// </summary>
public static class NotificationApiEndpoints
{
    /// <summary>OMA-TS-DS_Notification-V1_2 §8 (the MIME type of package #0).</summary>
    public const string ContentType = SanCodec.MediaType;

    /// <summary>OMA-TS-DM_Notification-V1_2 §7 (the MIME type of a DM package 0).</summary>
    public const string DmNotificationContentType = "application/vnd.syncml.notification";

    /// <summary>The longest device id a registration accepts (a device's SyncML LocURI, an IMEI or the like, is short).</summary>
    private const int MaxDeviceIdLength = 200;

    public static void MapNotificationApi(this RouteGroupBuilder api)
    {
        // A device the server has not seen yet (a new phone, before any sync) makes itself one of the caller's devices,
        // so that it can listen and a restore onto it can be asked for.
        api.MapPost("/devices", async (HttpContext http, DeviceRegistration request, ICofferStore store, DeviceLimitOptions limits) =>
        {
            if (string.IsNullOrWhiteSpace(request.DeviceId) || request.DeviceId.Length > MaxDeviceIdLength)
            {
                return Results.Problem($"a device id of 1 to {MaxDeviceIdLength} characters is needed", statusCode: StatusCodes.Status400BadRequest);
            }

            await using var uow = await store.BeginAsync(http.RequestAborted);
            var user = ApiUser.Of(http).Id;
            if (await uow.Devices.GetAsync(user, request.DeviceId, http.RequestAborted) == null
                && (await uow.Devices.ListAsync(user, http.RequestAborted)).Count >= limits.MaxPerUser)
            {
                return Results.Problem(
                    $"this account already has the most devices it may have ({limits.MaxPerUser}); remove one under Settings, Devices first",
                    statusCode: StatusCodes.Status409Conflict);
            }

            var registered = await uow.Devices.RegisterAccessAsync(user, request.DeviceId, http.RequestAborted);
            await uow.CommitAsync(http.RequestAborted);
            return Results.Ok(new DeviceRegistration(registered.DeviceId));
        });
        var device = api.MapGroup("/devices/{device}");
        device.MapPost("/notify-secret", async (HttpContext http, string device, ICofferStore store, DeviceAlerts alerts, NotificationOptions options) =>
            await OwnDeviceAsync(http, device, store) is not { } row ? Results.NotFound()
            : await alerts.IssueSecretAsync(row.UserId, row.Id, http.RequestAborted) is { } secret ? Results.Ok(new NotifySecret(options.ServerId, secret))
            : Results.NotFound());
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
                return await mailbox.TakeAsync(row.Id, hold, time, http.RequestAborted) is { } package
                    ? Results.Bytes(package.Package, package.Kind == PushPackageKind.Dm ? DmNotificationContentType : ContentType)
                    : Results.NoContent();
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                return Results.NoContent();
            }
        });
    }

    private static async Task<Device?> OwnDeviceAsync(HttpContext http, string device, ICofferStore store)
    {
        await using var read = await store.BeginReadAsync(http.RequestAborted);
        return await read.Devices.GetAsync(ApiUser.Of(http).Id, device, http.RequestAborted);
    }
}
