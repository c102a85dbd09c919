using Coffer.Sync.Profiles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coffer.Server.Api;

/// <summary>
/// /api/profiles (docs/api.md, "Device profiles"): each device's profile as the device agent backed it up, and its
/// firmware version over time. Wiring only, over <see cref="DeviceProfiles"/>, always on the caller's own datastore;
/// a device of which the caller has no profile is 404. Private keys are never part of an answer.
/// </summary>
public static class ProfileApiEndpoints
{
    public static void MapProfileApi(this RouteGroupBuilder api)
    {
        var profiles = api.MapGroup("/profiles");
        profiles.MapGet("/", async Task<Ok<IReadOnlyList<DeviceProfile>>> (HttpContext http, DeviceProfiles service) =>
            TypedResults.Ok(await service.ListAsync(ApiUser.Of(http).Id, http.RequestAborted)));
        profiles.MapGet("/{device}", async Task<Results<Ok<DeviceProfile>, NotFound>> (HttpContext http, string device, DeviceProfiles service) =>
            await service.GetAsync(ApiUser.Of(http).Id, device, http.RequestAborted) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound());
        profiles.MapGet("/{device}/firmware", async Task<Results<Ok<IReadOnlyList<FirmwareVersion>>, NotFound>> (HttpContext http, string device, DeviceProfiles service) =>
            await service.FirmwareHistoryAsync(ApiUser.Of(http).Id, device, http.RequestAborted) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound());
    }
}
