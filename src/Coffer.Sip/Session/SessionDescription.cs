using System.Net;

namespace Coffer.Sip.Session;

/// <summary>
/// The session description of a peer session (seed 003 §4). The caller's offer names where it connects from
/// (source); the callee's answer adds where it listens (destination). <see cref="Secret"/> is the one-time secret
/// the direct transfer authenticates with.
/// </summary>
public sealed record SessionDescription(
    IPEndPoint Source,
    PeerDataType DataType,
    PeerSyncProtocol Protocol,
    IPEndPoint? Destination = null,
    string? Secret = null)
{
    /// <summary>An answer carries the destination; an offer does not.</summary>
    public bool IsAnswer => Destination is not null;

    /// <summary>The callee's answer to this offer: the same session, listening at <paramref name="destination"/>.</summary>
    public SessionDescription Answer(IPEndPoint destination) => this with { Destination = destination };
}
