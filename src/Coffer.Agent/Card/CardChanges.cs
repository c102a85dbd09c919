namespace Coffer.Agent.Card;

/// <summary>
/// What GetChanges answers (seed 002 step 3): the identifiers of the items added, modified and deleted since the last
/// sync object with a peer (every item as added when there is none), in increasing order.
/// </summary>
public sealed record CardChanges(string Peer, SyncObject? Since, IReadOnlyList<long> Added, IReadOnlyList<long> Modified, IReadOnlyList<long> Deleted)
{
    public int Count => Added.Count + Modified.Count + Deleted.Count;
}
