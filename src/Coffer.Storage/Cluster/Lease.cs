namespace Coffer.Storage;

/// <summary>A lease as stored: who holds it and until when (<see cref="ILeaseRepository"/>).</summary>
public sealed record Lease(string Name, string Holder, DateTimeOffset Expires);
