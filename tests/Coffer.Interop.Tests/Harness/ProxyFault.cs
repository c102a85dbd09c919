namespace Coffer.Interop.Tests.Harness;

/// <summary>What the <see cref="FaultProxy"/> did to one exchange.</summary>
public enum ProxyFault
{
    /// <summary>Forwarded both ways.</summary>
    None,

    /// <summary>The request was never forwarded; the client's connection was closed (a lost request).</summary>
    RequestDropped,

    /// <summary>The server processed the request but the client's connection was closed instead of the reply (a lost reply).</summary>
    ReplyDropped,

    /// <summary>The target could not be reached; the client got 502.</summary>
    TargetUnreachable,
}
