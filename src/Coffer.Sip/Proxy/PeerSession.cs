using Coffer.Sip.Session;

namespace Coffer.Sip.Proxy;

/// <summary>
/// One peer session the proxy set up: the dialog's Call-ID, the two devices, what they synchronize (from the
/// offer, when the INVITE carried a valid session description) and where it stands.
/// </summary>
public sealed record PeerSession(
    string CallId,
    string Caller,
    string? CallerDevice,
    string Callee,
    string CalleeDevice,
    DateTimeOffset Started,
    PeerSessionState State,
    SessionDescription? Description)
{
    public PeerDataType? DataType => Description?.DataType;

    public PeerSyncProtocol? Protocol => Description?.Protocol;

    /// <summary>Whether the device takes part in this session (as caller or as callee).</summary>
    public bool Involves(string user, string device) =>
        (Callee == user && CalleeDevice == device) || (Caller == user && CallerDevice == device);
}
