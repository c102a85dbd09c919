namespace Coffer.Agent.Peer.Sip;

/// <summary>The control server refused a peer-mode request, with the SIP status it answered.</summary>
public sealed class PeerSipException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
