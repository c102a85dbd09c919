namespace Coffer.Agent.Peer;

/// <summary>
/// How far a peer session has come on one side: the changes this side has sent and received so far, with the totals
/// when the other side announced them (NumberOfChanges, OMA-TS-DS_Protocol-V1_2 §5.5); null when unknown.
/// </summary>
public sealed record PeerSyncProgress(string Datastore, long Sent, long? SentTotal, long Received, long? ReceivedTotal);
