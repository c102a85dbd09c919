namespace Coffer.Agent.Cli;

/// <summary>One device of GET /api/peers: its id, SIP contact, the address it registered from and when its registration expires.</summary>
internal sealed record PeerListing(string Device, string Contact, string Address, DateTimeOffset Expires);
