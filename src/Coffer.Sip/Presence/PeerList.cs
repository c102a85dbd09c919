namespace Coffer.Sip.Presence;

/// <summary>The devices of <paramref name="User"/> online when the list was written (docs/peer-list.xsd).</summary>
public sealed record PeerList(string User, IReadOnlyList<PeerListDevice> Devices);
