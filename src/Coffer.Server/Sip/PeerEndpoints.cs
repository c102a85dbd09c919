using Coffer.Server.Api;
using Coffer.Storage;

namespace Coffer.Server.Sip;

/// <summary>
/// Presence (docs/api.md, docs/sip.md): GET /api/peers, the signed-in user's devices registered now, and
/// GET /api/admin/sip/bindings, every user's.
/// </summary>
public static class PeerEndpoints
{
    public static void MapPeers(this RouteGroupBuilder api) =>
        api.MapGet("/peers", async (HttpContext http, ICofferStore store, TimeProvider time) =>
        {
            await using var read = await store.BeginReadAsync(http.RequestAborted);
            var bindings = await read.SipBindings.ListAsync(ApiUser.Of(http).Id, time.GetUtcNow(), http.RequestAborted);
            return Results.Ok(bindings.Select(b => new { device = b.Device, contact = b.Contact, address = b.Received, expires = b.ExpiresAt }));
        });

    public static void MapSipBindings(this RouteGroupBuilder admin) =>
        admin.MapGet("/sip/bindings", async (HttpContext http, ICofferStore store, TimeProvider time) =>
        {
            await using var read = await store.BeginReadAsync(http.RequestAborted);
            var bindings = await read.SipBindings.ListAllAsync(time.GetUtcNow(), http.RequestAborted);
            return Results.Ok(bindings.Select(b => new { user = b.UserName, device = b.Device, contact = b.Contact, address = b.Received, expires = b.ExpiresAt, node = b.Node }));
        });
}
