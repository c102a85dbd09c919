namespace Coffer.Agent.Card;

/// <summary>What NewSync answers (seed 002 step 1): the last sync object with the peer, if any, and the proposed new one.</summary>
public sealed record NewSyncAnswer(string Peer, SyncObject? Last, SyncObject Proposed);
