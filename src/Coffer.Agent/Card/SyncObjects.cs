using Microsoft.Data.Sqlite;

namespace Coffer.Agent.Card;

/// <summary>
/// The card's sync objects, one per peer (seed 002): NewSync answers the last one and proposes a new one standing for
/// the card as it is now; StoreSync, once the sync with the peer succeeded, makes the proposed one the last.
/// </summary>
public sealed class SyncObjects
{
    private readonly SqliteConnection connection;

    internal SyncObjects(SqliteConnection connection) => this.connection = connection;

    /// <summary>The last sync object with <paramref name="peer"/>; null when the card never completed a sync with it.</summary>
    public SyncObject? Last(string peer) => Sql.Rows(
        connection,
        "SELECT last_id, last_counter FROM sync_objects WHERE peer = $p AND last_id IS NOT NULL",
        r => new SyncObject(r.GetString(0), r.GetInt64(1)),
        ("$p", peer)).FirstOrDefault();

    /// <summary>Every peer's sync objects: the last one and a proposal not stored yet.</summary>
    public IReadOnlyList<(string Peer, SyncObject? Last, SyncObject? Proposed)> All() => Sql.Rows(
        connection,
        "SELECT peer, last_id, last_counter, new_id, new_counter FROM sync_objects ORDER BY peer",
        r => (r.GetString(0), r.IsDBNull(1) ? null : new SyncObject(r.GetString(1), r.GetInt64(2)), r.IsDBNull(3) ? null : new SyncObject(r.GetString(3), r.GetInt64(4))));

    /// <summary>
    /// Seed 002 step 1: a new synchronization with <paramref name="peer"/> begins. A proposal left by a sync that did not
    /// complete is replaced: its id was never stored by the peer.
    /// </summary>
    public NewSyncAnswer NewSync(string peer) => Sql.InTransaction(connection, () =>
    {
        var proposed = new SyncObject(SyncObjectId.New(), Sql.Scalar(connection, "SELECT counter FROM card"));
        Sql.Execute(
            connection,
            """
            INSERT INTO sync_objects (peer, new_id, new_counter) VALUES ($p, $id, $c)
            ON CONFLICT (peer) DO UPDATE SET new_id = excluded.new_id, new_counter = excluded.new_counter
            """,
            ("$p", peer),
            ("$id", proposed.Id),
            ("$c", proposed.Counter));
        return new NewSyncAnswer(peer, Last(peer), proposed);
    });

    /// <summary>
    /// Seed 002 step 4: the synchronization with <paramref name="peer"/> is done; the proposed sync object becomes the
    /// last one. The notes of what the peer wrote before it are no longer needed.
    /// </summary>
    /// <param name="peer">the peer</param>
    /// <param name="proposedId">the proposal the sync used, when known: another one means another sync with the peer began since</param>
    /// <exception cref="CardException">No sync with the peer was begun (NewSync), or another one began since.</exception>
    public SyncObject StoreSync(string peer, string? proposedId = null) => Sql.InTransaction(connection, () =>
    {
        var proposed = Sql.Rows(
            connection,
            "SELECT new_id, new_counter FROM sync_objects WHERE peer = $p AND new_id IS NOT NULL",
            r => new SyncObject(r.GetString(0), r.GetInt64(1)),
            ("$p", peer)).FirstOrDefault() ?? throw new CardException($"no new sync object proposed for {peer}: NewSync first");
        if (proposedId != null && !string.Equals(proposed.Id, proposedId, StringComparison.Ordinal))
        {
            // Storing the other sync's proposal would tell the card something the peer never agreed to.
            throw new CardException($"another sync with {peer} began during this one (proposed {proposed.Id}, not {proposedId}); the card keeps its last sync object");
        }

        Sql.Execute(
            connection,
            "UPDATE sync_objects SET last_id = new_id, last_counter = new_counter, new_id = NULL, new_counter = NULL WHERE peer = $p",
            ("$p", peer));
        Sql.Execute(connection, "DELETE FROM peer_writes WHERE peer = $p AND max(coalesce(added, 0), written) <= $c", ("$p", peer), ("$c", proposed.Counter));
        return proposed;
    });
}
