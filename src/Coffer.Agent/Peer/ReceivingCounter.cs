using Coffer.Agent.Sources;

namespace Coffer.Agent.Peer;

/// <summary>A source that counts the changes the other side applies to it (adds, replaces, deletes) and tells <paramref name="received"/> each time.</summary>
internal sealed class ReceivingCounter(ISyncSource inner, Action<long> received) : ISyncSource
{
    private long count;

    public DatastoreInfo Datastore => inner.Datastore;

    public string? LastAnchor => inner.LastAnchor;

    public long Received => count;

    public IReadOnlyList<LocalChange> CollectChanges(bool all) => inner.CollectChanges(all);

    public void Acknowledged(LocalChange change) => inner.Acknowledged(change);

    public void Refused(LocalChange change, int status) => inner.Refused(change, status);

    public string AddFromServer(string guid, ItemBody content, string? name)
    {
        var luid = inner.AddFromServer(guid, content, name);
        received(++count);
        return luid;
    }

    public bool ReplaceFromServer(string luid, ItemBody content)
    {
        var done = inner.ReplaceFromServer(luid, content);
        received(++count);
        return done;
    }

    public bool DeleteFromServer(string luid)
    {
        var done = inner.DeleteFromServer(luid);
        received(++count);
        return done;
    }

    public void Completed(string nextAnchor, bool slow) => inner.Completed(nextAnchor, slow);
}
