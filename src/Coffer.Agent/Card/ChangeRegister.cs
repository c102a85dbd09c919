using Microsoft.Data.Sqlite;

namespace Coffer.Agent.Card;

/// <summary>
/// The card's change register, kept by its triggers: per item the counter at which it was added and at which it last
/// changed, and whether it is deleted. GetChanges (seed 002 step 3) reads it against a peer's last sync object.
/// </summary>
public sealed class ChangeRegister
{
    private readonly SqliteConnection connection;

    internal ChangeRegister(SqliteConnection connection) => this.connection = connection;

    /// <summary>
    /// The items added, modified and deleted since the last sync object with <paramref name="peer"/>: every item as
    /// added when there is none (seed 002 step 2: all the content is supposed added). An item whose latest change the
    /// peer made itself is left out; an item added and deleted in between was never the peer's business.
    /// </summary>
    public CardChanges GetChanges(string peer)
    {
        var since = new SyncObjects(connection).Last(peer);
        if (since == null)
        {
            return new CardChanges(peer, null, Sql.Rows(connection, "SELECT id FROM items ORDER BY id", r => r.GetInt64(0)), [], []);
        }

        List<long> added = [], modified = [], deleted = [];
        var rows = Sql.Rows(
            connection,
            """
            SELECT c.item_id, c.added, c.changed, c.deleted, w.added, w.written
            FROM changes c LEFT JOIN peer_writes w ON w.peer = $p AND w.item_id = c.item_id
            WHERE c.changed > $c
            ORDER BY c.item_id
            """,
            r => (Id: r.GetInt64(0), Added: r.GetInt64(1), Changed: r.GetInt64(2), Deleted: r.GetInt64(3) != 0, PeerAdded: r.IsDBNull(4) ? (long?)null : r.GetInt64(4), Written: r.IsDBNull(5) ? (long?)null : r.GetInt64(5)),
            ("$p", peer),
            ("$c", since.Counter));
        foreach (var row in rows)
        {
            if (row.Written == row.Changed)
            {
                continue;
            }

            var peerKnowsIt = row.Added <= since.Counter || row.PeerAdded != null;
            if (row.Deleted)
            {
                if (peerKnowsIt)
                {
                    deleted.Add(row.Id);
                }
            }
            else
            {
                (peerKnowsIt ? modified : added).Add(row.Id);
            }
        }

        return new CardChanges(peer, since, added, modified, deleted);
    }

    /// <summary>
    /// Registers <paramref name="ids"/> as changed now, without touching them: changes a peer did not accept are offered
    /// again at the next sync, after the sync object about to be stored.
    /// </summary>
    public void Requeue(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        Sql.InTransaction(connection, () =>
        {
            Sql.Execute(connection, "UPDATE card SET counter = counter + 1");
            foreach (var id in ids)
            {
                Sql.Execute(connection, "UPDATE changes SET changed = (SELECT counter FROM card) WHERE item_id = $id", ("$id", id));
            }

            return ids.Count;
        });
    }
}
