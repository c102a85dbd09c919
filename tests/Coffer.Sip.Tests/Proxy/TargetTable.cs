using System.Collections.Concurrent;
using System.Net;
using Coffer.Sip.Message;
using Coffer.Sip.Proxy;

namespace Coffer.Sip.Tests.Proxy;

/// <summary>Bindings kept in memory, the shape the location service is adapted to.</summary>
internal sealed class TargetTable : IProxyTargets
{
    private readonly ConcurrentDictionary<(string User, string Device), ProxyTarget> _bindings = new();

    public void Add(string user, string device, IPEndPoint address) =>
        _bindings[(user, device)] = new ProxyTarget(device, SipUri.Sip(user, address.Address.ToString(), address.Port), address);

    public ValueTask<IReadOnlyList<ProxyTarget>> FindAsync(string user, string? device, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ProxyTarget>>(_bindings
            .Where(b => b.Key.User == user && (device is null || b.Key.Device == device))
            .Select(b => b.Value).ToList());
}
