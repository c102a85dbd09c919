namespace Coffer.Agent.Peer;

/// <summary>A direct file transfer that did not complete; the receiver's file is as it was before.</summary>
public sealed class PeerTransferException : Exception
{
    public PeerTransferException(string message)
        : base(message)
    {
    }

    public PeerTransferException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
