namespace Coffer.Sip.Proxy;

/// <summary>How a peer session left the table.</summary>
public enum PeerSessionOutcome
{
    /// <summary>Ended by a BYE (steps 20–23).</summary>
    Completed,

    /// <summary>The callee (or the proxy) answered the INVITE with an error: offline, busy, refused.</summary>
    Failed,

    /// <summary>The caller cancelled the INVITE (RFC 3261 §16.10).</summary>
    Cancelled,

    /// <summary>The callee never answered (Timer C, or the client transaction's timeout).</summary>
    TimedOut,

    /// <summary>Removed by the sweep: older than the session lifetime without a BYE.</summary>
    Expired,
}
