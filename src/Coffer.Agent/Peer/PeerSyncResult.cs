namespace Coffer.Agent.Peer;

/// <summary>
/// What one peer session did on one side: the sync type (two-way, slow), whether it completed, the changes sent to
/// and received from the other agent, and why it did not complete when it did not.
/// </summary>
public sealed record PeerSyncResult(string Datastore, string SyncType, bool Completed, long Sent, long Received, string? Error = null);
