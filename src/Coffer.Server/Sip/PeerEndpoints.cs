using Coffer.Server.Api;
using Coffer.Storage;

using Coffer.Sip.Proxy;
using Coffer.Sync.Cluster;

namespace Coffer.Server.Sip;

/// <summary>
/// Presence (docs/api.md, docs/sip.md): GET /api/peers, the signed-in user's devices registered now, and
/// GET /api/admin/sip/bindings, every user's; GET /api/admin/sip/sessions, the peer sessions this node's proxy set up
/// (active ones with their state, the last ended ones with their outcome, counts since start).
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

    public static void MapPeerSessions(this RouteGroupBuilder admin) =>
        admin.MapGet("/sip/sessions", (PeerSessionTable sessions, NodeName node) =>
        {
            var counts = sessions.Counts();
            return Results.Ok(new
            {
                node = node.Value,
                active = sessions.Snapshot().Select(Describe),
                recent = sessions.Recent().Reverse().Select(change => new
                {
                    session = Describe(change.Session),
                    outcome = change.Outcome?.ToString(),
                    status = change.Status,
                }),
                counts = new
                {
                    active = counts.Active,
                    byState = counts.ByState.ToDictionary(p => p.Key.ToString(), p => p.Value),
                    started = counts.Started,
                    ended = counts.Ended.ToDictionary(p => p.Key.ToString(), p => p.Value),
                },
            });
        });

    private static object Describe(PeerSession session) => new
    {
        callId = session.CallId,
        caller = session.Caller,
        callerDevice = session.CallerDevice,
        callee = session.Callee,
        calleeDevice = session.CalleeDevice,
        started = session.Started,
        state = session.State.ToString(),
        dataType = session.DataType?.ToString(),
        protocol = session.Protocol?.ToString(),
    };
}
