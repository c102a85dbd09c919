namespace Coffer.Sip.Proxy;

/// <summary>Where a peer session stands (seed 003 steps 11–23).</summary>
public enum PeerSessionState
{
    /// <summary>The INVITE is forwarded; no final response yet (steps 11–15).</summary>
    Inviting,

    /// <summary>The callee answered 2xx; the caller's ACK has not passed yet (step 16).</summary>
    Answered,

    /// <summary>The ACK passed: the devices transfer directly (steps 17–19).</summary>
    Established,

    /// <summary>A BYE is on its way to the other device (steps 20–22).</summary>
    Ending,
}
