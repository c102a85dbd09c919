using System.Globalization;
using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Administration;
using Coffer.Sync.Notifications;
using Coffer.Sync.Progress;

namespace Coffer.Server.Admin;

/// <summary>
/// The administration's JSON API under /api/admin (docs/api.md): the same functions as the /admin pages, for
/// administrators only (the "admin" policy). Wiring only: the work is done by the Coffer.Sync administration services.
/// </summary>
public static class AdminEndpoints
{
    public const string Prefix = "/api/admin";

    public static void MapCofferAdminApi(this WebApplication app)
    {
        var admin = app.MapGroup(Prefix).RequireAuthorization(WebSetup.ApiAdminPolicy).AddEndpointFilter<Api.ApiAntiforgery>();

        Sip.PeerEndpoints.MapSipBindings(admin);
        Dm.DmApiEndpoints.MapDmAdminApi(admin);
        Sip.PeerEndpoints.MapPeerSessions(admin);
        admin.MapGet("/sessions", (SyncProgress progress) => Results.Ok(new { live = progress.Live(), recent = progress.Recent() }));
        admin.MapGet("/status", async (StoreStatusReader status, HttpContext http) => Results.Ok(await status.ReadAsync(http.RequestAborted)));

        admin.MapGet("/users", async (UserAdministration users, HttpContext http) => Results.Ok(await users.ListAsync(http.RequestAborted)));
        admin.MapPost("/users", async (NewUserRequest body, UserAdministration users, HttpContext http) =>
            Answer(await users.CreateAsync(http.User.UserName(), body.Name, body.Password, body.Admin, http.RequestAborted)));
        admin.MapPost("/users/{id:long}/disable", async (long id, UserAdministration users, HttpContext http) =>
            Answer(await users.SetDisabledAsync(http.User.UserName(), id, true, http.RequestAborted)));
        admin.MapPost("/users/{id:long}/enable", async (long id, UserAdministration users, HttpContext http) =>
            Answer(await users.SetDisabledAsync(http.User.UserName(), id, false, http.RequestAborted)));
        admin.MapPost("/users/{id:long}/admin", async (long id, UserAdministration users, HttpContext http) =>
            Answer(await users.SetAdminAsync(http.User.UserName(), id, true, http.RequestAborted)));
        admin.MapDelete("/users/{id:long}/admin", async (long id, UserAdministration users, HttpContext http) =>
            Answer(await users.SetAdminAsync(http.User.UserName(), id, false, http.RequestAborted)));
        admin.MapPost("/users/{id:long}/password", async (long id, PasswordRequest body, UserAdministration users, HttpContext http) =>
            Answer(await users.ResetPasswordAsync(http.User.UserName(), id, body.Password, http.RequestAborted)));
        admin.MapPut("/users/{id:long}/quota", async (long id, UserQuota body, UserAdministration users, HttpContext http) =>
            Answer(await users.SetQuotaAsync(http.User.UserName(), id, body, http.RequestAborted)));
        admin.MapDelete("/users/{id:long}", async (long id, UserAdministration users, HttpContext http) =>
            Answer(await users.DeleteAsync(http.User.UserName(), id, http.RequestAborted)));

        admin.MapGet("/devices", async (DeviceAdministration devices, HttpContext http) => Results.Ok(await devices.ListAsync(http.RequestAborted)));
        admin.MapGet("/devices/{id:long}", async (long id, DeviceAdministration devices, HttpContext http) =>
            await devices.GetAsync(id, http.RequestAborted) is { } device
                ? Results.Ok(new { device.Id, device.UserId, device.UserName, device.DeviceId, device.FirstSeen, device.LastAccess, device.Logins, device.DevInf })
                : Results.NotFound());
        admin.MapDelete("/devices/{id:long}", async (long id, DeviceAdministration devices, HttpContext http) =>
            Answer(await devices.DeleteAsync(http.User.UserName(), id, http.RequestAborted)));

        admin.MapGet("/audit", async (int? page, AuditTrail audit, HttpContext http) =>
        {
            var (entries, total) = await audit.PageAsync(page ?? 1, http.RequestAborted);
            return Results.Ok(new { page = Math.Max(1, page ?? 1), pageSize = AuditTrail.PageSize, total, entries });
        });

        admin.MapGet("/notifications", async (string? night, NotificationOverview overview, HttpContext http) =>
        {
            if (night == null)
            {
                return Results.Ok(await overview.GetAsync(null, http.RequestAborted));
            }

            return DateOnly.TryParseExact(night, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? Results.Ok(await overview.GetAsync(day, http.RequestAborted))
                : Results.Problem("night must be a date, yyyy-MM-dd", statusCode: StatusCodes.Status400BadRequest);
        });
    }

    private static IResult Answer(AdminResult result) =>
        result.Done ? Results.Ok(new { message = result.Message }) : Results.Problem(result.Message, statusCode: StatusCodes.Status400BadRequest);
}
