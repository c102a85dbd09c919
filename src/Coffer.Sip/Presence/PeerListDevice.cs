namespace Coffer.Sip.Presence;

/// <summary>One device online in a peer list: its id, the Contact it registered, where from, and until when.</summary>
public sealed record PeerListDevice(string Id, string Contact, string Address, DateTimeOffset Expires);
