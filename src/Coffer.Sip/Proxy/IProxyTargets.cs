namespace Coffer.Sip.Proxy;

/// <summary>
/// Where the proxy finds a callee (RFC 3261 §16.5): the current bindings of a user's device, or of any of the user's
/// devices when <paramref name="device"/> is null, most recent first. The location service is adapted to it.
/// </summary>
public interface IProxyTargets
{
    ValueTask<IReadOnlyList<ProxyTarget>> FindAsync(string user, string? device, CancellationToken cancellationToken = default);
}
