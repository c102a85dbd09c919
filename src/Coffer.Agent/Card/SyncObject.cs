namespace Coffer.Agent.Card;

/// <summary>
/// A synchronization object (seed 002): a random id (claim 7, never a time) that stands for the state of the card at
/// change counter <see cref="Counter"/>, as agreed with one peer.
/// </summary>
public sealed record SyncObject(string Id, long Counter);
