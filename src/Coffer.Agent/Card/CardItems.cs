using Microsoft.Data.Sqlite;

namespace Coffer.Agent.Card;

/// <summary>
/// The card's phone book: one vCard per row under a stable id. Plain edits are registered by the card's triggers like
/// anyone's; an edit made for a peer during a sync (<c>...FromPeer</c>) is also noted in <c>peer_writes</c>, so that
/// the peer is not sent back its own change (<see cref="ChangeRegister"/>).
/// </summary>
public sealed class CardItems
{
    private readonly SqliteConnection connection;

    internal CardItems(SqliteConnection connection) => this.connection = connection;

    public long Count => Sql.Scalar(connection, "SELECT count(*) FROM items");

    public long Add(string vcard) => Sql.Scalar(connection, "INSERT INTO items (vcard) VALUES ($v) RETURNING id", ("$v", vcard));

    public IReadOnlyList<CardItem> All() => Sql.Rows(connection, "SELECT id, vcard FROM items ORDER BY id", r => new CardItem(r.GetInt64(0), r.GetString(1)));

    /// <summary>The vCard of item <paramref name="id"/>; null when there is no such item.</summary>
    public string? Read(long id) => Sql.Rows(connection, "SELECT vcard FROM items WHERE id = $id", r => r.GetString(0), ("$id", id)).FirstOrDefault();

    /// <summary>
    /// Stores an item <paramref name="peer"/> added under its id <paramref name="guid"/>; returns the card's id for it.
    /// The same item again (the peer did not get our id for it last time) replaces the copy it added then.
    /// </summary>
    public long AddFromPeer(string peer, string guid, string vcard) => Sql.InTransaction(connection, () =>
    {
        var known = Sql.Scalar(
            connection,
            "SELECT w.item_id FROM peer_writes w JOIN items i ON i.id = w.item_id WHERE w.peer = $p AND w.guid = $g",
            ("$p", peer),
            ("$g", guid));
        if (known != 0)
        {
            Sql.Execute(connection, "UPDATE items SET vcard = $v WHERE id = $id", ("$v", vcard), ("$id", known));
            Noted(peer, known, guid);
            return known;
        }

        var id = Sql.Scalar(connection, "INSERT INTO items (vcard) VALUES ($v) RETURNING id", ("$v", vcard));
        Noted(peer, id, guid);
        return id;
    });

    /// <summary>Replaces item <paramref name="id"/> with what <paramref name="peer"/> has; false when there is no such item.</summary>
    public bool ReplaceFromPeer(string peer, long id, string vcard) => Sql.InTransaction(connection, () =>
    {
        if (Sql.Execute(connection, "UPDATE items SET vcard = $v WHERE id = $id", ("$v", vcard), ("$id", id)) == 0)
        {
            return false;
        }

        Noted(peer, id, null);
        return true;
    });

    /// <summary>Deletes item <paramref name="id"/> as <paramref name="peer"/> did; false when there is no such item.</summary>
    public bool DeleteFromPeer(string peer, long id) => Sql.InTransaction(connection, () =>
    {
        if (Sql.Execute(connection, "DELETE FROM items WHERE id = $id", ("$id", id)) == 0)
        {
            return false;
        }

        Noted(peer, id, null);
        return true;
    });

    // The peer now holds the item as it is: its latest registered change is the peer's own. An Add also records the
    // peer's id for the item and that the peer knew it from its creation on.
    private void Noted(string peer, long id, string? guid) => Sql.Execute(
        connection,
        """
        INSERT INTO peer_writes (peer, item_id, guid, added, written)
        SELECT $p, $id, $g, CASE WHEN $g IS NULL THEN NULL ELSE added END, changed FROM changes WHERE item_id = $id
        ON CONFLICT (peer, item_id) DO UPDATE SET
            written = excluded.written,
            guid = coalesce(excluded.guid, guid),
            added = coalesce(excluded.added, added)
        """,
        ("$p", peer),
        ("$id", id),
        ("$g", guid));
}
