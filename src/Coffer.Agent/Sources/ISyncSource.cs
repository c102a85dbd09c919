namespace Coffer.Agent.Sources;

/// <summary>
/// The local side of one datastore as the sync client sees it: the changes to send, the server's changes to apply,
/// and the anchor of the last completed session (OMA-TS-DS_Protocol-V1_2 §5.6). A source decides nothing about the
/// protocol; the client calls it in this order: <see cref="CollectChanges"/>, then as replies arrive
/// <see cref="Acknowledged"/> and the <c>...FromServer</c> methods, and <see cref="Completed"/> at the end of a
/// session that completed.
/// </summary>
public interface ISyncSource
{
    DatastoreInfo Datastore { get; }

    /// <summary>The Next anchor of the last completed session, null before the first one.</summary>
    string? LastAnchor { get; }

    /// <summary>
    /// The changes since the last completed session, or every item as an Add when <paramref name="all"/> (a slow sync,
    /// OMA-TS-DS_Protocol-V1_2 §5.8); none at all for a refresh from the server.
    /// </summary>
    IReadOnlyList<LocalChange> CollectChanges(bool all);

    /// <summary>The server accepted <paramref name="change"/> (a 2xx status): it need not be sent again.</summary>
    void Acknowledged(LocalChange change);

    /// <summary>The server refused <paramref name="change"/> with <paramref name="status"/>: it stays a local change.</summary>
    void Refused(LocalChange change, int status)
    {
    }

    /// <summary>
    /// Stores an item the server added under its id <paramref name="guid"/>; returns the LUID for the Map.
    /// <paramref name="name"/> is the item's name when it carries one (<see cref="ItemNames"/>).
    /// </summary>
    string AddFromServer(string guid, ItemBody content, string? name);

    /// <summary>Replaces the item <paramref name="luid"/>; false when there is no such item.</summary>
    bool ReplaceFromServer(string luid, ItemBody content);

    /// <summary>Deletes the item <paramref name="luid"/>; false when there is no such item.</summary>
    bool DeleteFromServer(string luid);

    /// <summary>The session completed; <paramref name="nextAnchor"/> is the anchor the next session sends as Last.</summary>
    void Completed(string nextAnchor, bool slow);
}
