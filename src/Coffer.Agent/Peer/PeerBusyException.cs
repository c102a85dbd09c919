namespace Coffer.Agent.Peer;

/// <summary>The agent already serves a peer session of the datastore (its lock file is held).</summary>
public sealed class PeerBusyException : Exception
{
    public PeerBusyException()
    {
    }

    public PeerBusyException(string message)
        : base(message)
    {
    }

    public PeerBusyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
