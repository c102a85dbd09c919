using Coffer.Dm;
using Coffer.Server.Api;
using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.SyncML.San;

namespace Coffer.Server.Dm;

/// <summary>
/// Device management in the JSON API (docs/api.md "Device management"): on the caller's own devices,
/// <c>POST /api/devices/{device}/dm-account</c> (enrollment; the secrets are in this answer only),
/// <c>GET /api/devices/{device}/dm</c>, <c>POST /api/devices/{device}/dm/backup</c> and <c>/dm/restore</c>; for
/// administrators the same under <c>/api/admin/devices/{id}/dm</c>, audited with their name.
/// </summary>
public static class DmApiEndpoints
{
    public static void MapDmApi(this RouteGroupBuilder api)
    {
        var device = api.MapGroup("/devices/{device}");
        device.MapPost("/dm-account", async (HttpContext http, string device, ICofferStore store, DmJobService dm, CofferServerOptions options) =>
            await OwnDeviceAsync(http, device, store) is { } row
                ? Results.Ok(await dm.EnrollAsync(row, DmEndpoint.EndpointUrl(http, options), http.RequestAborted))
                : Results.NotFound());
        device.MapGet("/dm", async (HttpContext http, string device, ICofferStore store, DmJobService dm) =>
            await OwnDeviceAsync(http, device, store) is { } row ? Results.Ok(Show(await dm.OverviewAsync(row.Id, http.RequestAborted))) : Results.NotFound());
        device.MapPost("/dm/backup", async (HttpContext http, string device, ICofferStore store, DmJobService dm, DmJobNotifier notifier) =>
        {
            if (await OwnDeviceAsync(http, device, store) is not { } row)
            {
                return Results.NotFound();
            }

            if (await NotEnrolledAsync(row, store, http.RequestAborted) is { } refusal)
            {
                return refusal;
            }

            var job = await dm.StartBackupAsync(row.Id, null, http.RequestAborted);
            await notifier.NotifyAsync(row.Id, SanInitiator.User, http.RequestAborted);
            return Results.Accepted(value: Show(job));
        });
        device.MapPost("/dm/restore", async (HttpContext http, string device, DmRestoreRequest request, ICofferStore store, DmJobService dm, DmJobNotifier notifier) =>
        {
            if (await OwnDeviceAsync(http, device, store) is not { } row || await OwnDeviceAsync(http, request.From, store) is not { } from)
            {
                return Results.NotFound();
            }

            if (await NotEnrolledAsync(row, store, http.RequestAborted) is { } refusal)
            {
                return refusal;
            }

            if (await dm.StartRestoreAsync(row.Id, from.Id, request.Snapshot, null, http.RequestAborted) is not { } job)
            {
                return Results.Problem($"device {request.From} has no such DM backup", statusCode: StatusCodes.Status409Conflict);
            }

            await notifier.NotifyAsync(row.Id, SanInitiator.User, http.RequestAborted);
            return Results.Accepted(value: Show(job));
        });
    }

    public static void MapDmAdminApi(this RouteGroupBuilder admin)
    {
        var device = admin.MapGroup("/devices/{id:long}/dm");
        device.MapGet(string.Empty, async (long id, ICofferStore store, DmJobService dm, HttpContext http) =>
            await DeviceAsync(id, store, http) is { } row ? Results.Ok(Show(await dm.OverviewAsync(row.Id, http.RequestAborted))) : Results.NotFound());
        device.MapPost("/backup", async (long id, ICofferStore store, DmJobService dm, DmJobNotifier notifier, HttpContext http) =>
        {
            if (await DeviceAsync(id, store, http) is not { } row)
            {
                return Results.NotFound();
            }

            if (await NotEnrolledAsync(row, store, http.RequestAborted) is { } refusal)
            {
                return refusal;
            }

            var job = await dm.StartBackupAsync(row.Id, http.User.UserName(), http.RequestAborted);
            await notifier.NotifyAsync(row.Id, SanInitiator.Server, http.RequestAborted);
            return Results.Accepted(value: Show(job));
        });
        device.MapPost("/restore", async (long id, DmRestoreRequest request, ICofferStore store, DmJobService dm, DmJobNotifier notifier, HttpContext http) =>
        {
            if (await DeviceAsync(id, store, http) is not { } row)
            {
                return Results.NotFound();
            }

            if (await NotEnrolledAsync(row, store, http.RequestAborted) is { } refusal)
            {
                return refusal;
            }

            // The backup comes from a device of the same user: an administrator restores a user's own data only.
            await using var read = await store.BeginReadAsync(http.RequestAborted);
            if (await read.Devices.GetAsync(row.UserId, request.From, http.RequestAborted) is not { } from)
            {
                return Results.NotFound();
            }

            if (await dm.StartRestoreAsync(row.Id, from.Id, request.Snapshot, http.User.UserName(), http.RequestAborted) is not { } job)
            {
                return Results.Problem($"device {request.From} has no such DM backup", statusCode: StatusCodes.Status409Conflict);
            }

            await notifier.NotifyAsync(row.Id, SanInitiator.Server, http.RequestAborted);
            return Results.Accepted(value: Show(job));
        });
    }

    /// <summary>409 with the pages' reason when the device has no DM account: no job is made (as on the pages).</summary>
    private static async Task<IResult?> NotEnrolledAsync(Device row, ICofferStore store, CancellationToken ct)
    {
        await using var read = await store.BeginReadAsync(ct);
        return await read.DmAccounts.GetAsync(row.Id, ct) == null
            ? Results.Problem(DmPages.NotEnrolled(row), statusCode: StatusCodes.Status409Conflict)
            : null;
    }

    private static object Show(DmJob job) => new
    {
        job.Id,
        kind = job.Kind.ToString().ToLowerInvariant(),
        state = job.State.ToString().ToLowerInvariant(),
        snapshot = job.SourceSnapshot,
        job.Attempts,
        job.NextAttempt,
        job.Created,
        decisions = job.Decisions,
        report = DmJobReport.FromJson(job.Report),
    };

    private static object Show(DmDeviceOverview overview) => new
    {
        overview.Enrolled,
        lastBackup = overview.LastBackup,
        treeBytes = overview.LastBackup?.Bytes,
        treeNodes = overview.LastBackup?.NodeCount,
        firmware = overview.Firmware,
        backups = overview.Backups,
        jobs = overview.Jobs.Select(Show),
    };

    private static async Task<Device?> OwnDeviceAsync(HttpContext http, string device, ICofferStore store)
    {
        await using var read = await store.BeginReadAsync(http.RequestAborted);
        return await read.Devices.GetAsync(ApiUser.Of(http).Id, device, http.RequestAborted);
    }

    private static async Task<Device?> DeviceAsync(long id, ICofferStore store, HttpContext http)
    {
        await using var read = await store.BeginReadAsync(http.RequestAborted);
        return await read.Devices.GetByIdAsync(id, http.RequestAborted);
    }
}
