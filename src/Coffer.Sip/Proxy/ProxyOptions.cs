using System.Net;

namespace Coffer.Sip.Proxy;

/// <summary>Settings of the proxy core.</summary>
public sealed record ProxyOptions
{
    /// <summary>
    /// Timer C (RFC 3261 §16.6 step 11): how long a forwarded INVITE may go without a final response (restarted by
    /// every provisional one). The RFC asks for more than 3 minutes.
    /// </summary>
    public TimeSpan TimerC { get; init; } = TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1);

    /// <summary>The address written into Via and Record-Route; the transport's own address when null (set it when the transport listens on 0.0.0.0).</summary>
    public IPEndPoint? Advertised { get; init; }

    /// <summary>Whether a caller may only invite the devices of its own account (the seed's peers are one user's devices).</summary>
    public bool SameAccountOnly { get; init; } = true;
}
