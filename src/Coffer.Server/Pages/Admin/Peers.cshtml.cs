using Coffer.Sip.Proxy;
using Coffer.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Admin;

/// <summary>
/// /admin/peers: the devices registered with the SIP control server (address and expiry, from the store, so every
/// node shows all of them) and the peer sessions this node's proxy set up, active and recently ended (docs/sip.md).
/// </summary>
public sealed class PeersModel(ICofferStore store, PeerSessionTable sessions, TimeProvider time) : PageModel
{
    public IReadOnlyList<StoredSipBinding> Bindings { get; private set; } = [];

    public IReadOnlyList<PeerSession> Active { get; private set; } = [];

    public IReadOnlyList<PeerSessionChange> Recent { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        await using (var read = await store.BeginReadAsync(ct))
        {
            Bindings = await read.SipBindings.ListAllAsync(Now, ct);
        }

        Active = sessions.Snapshot();
        Recent = sessions.Recent().Reverse().ToList();
    }
}
