namespace Coffer.Interop.Tests.Harness;

/// <summary>Faults a <see cref="FaultProxy"/> injects, by request number (1-based, counted over all connections).</summary>
public sealed record FaultProxyOptions
{
    /// <summary>Requests closed without forwarding: the client sees a lost request.</summary>
    public IReadOnlySet<int> DropRequests { get; init; } = new HashSet<int>();

    /// <summary>Requests forwarded and answered by the target whose reply is replaced by a closed connection.</summary>
    public IReadOnlySet<int> DropReplies { get; init; } = new HashSet<int>();

    /// <summary>
    /// Called with the request number (1-based) when a request has arrived, before it is dropped or forwarded; the
    /// request waits for the returned task. Tests use it to act between two messages of a session: restart the
    /// server, interrupt the client.
    /// </summary>
    public Func<int, Task>? BeforeForward { get; init; }

    /// <summary>Added before forwarding each request (a slow link).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>When set, every exchange is also written there as NNN-request/response .headers.txt and .body.xml|wbxml|bin.</summary>
    public string? RecordDirectory { get; init; }

    /// <summary>Limit for one forwarded request.</summary>
    public TimeSpan TargetTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
