namespace Coffer.Agent.Peer;

/// <summary>
/// One agent's side of a peer session: its state directory (the agent home: the local store and the anchors per peer
/// live under it), the folder holding its datastores (contacts/, calendar/, ...) and its device id, which the other
/// side keeps its anchors under.
/// </summary>
public sealed record PeerSide(string StateDir, string DataDir, string DeviceId);
