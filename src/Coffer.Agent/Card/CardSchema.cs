namespace Coffer.Agent.Card;

/// <summary>
/// The card file's tables and triggers (docs/agent.md "Removable card"). The triggers live in the card file, so any
/// program that edits the card with SQL registers its changes: the card manages its own modifications (seed 002), no
/// host keeps a change log for it.
/// </summary>
internal static class CardSchema
{
    /// <summary>PRAGMA application_id of a card file ('CFCD'): tells a card from any other SQLite file.</summary>
    public const int ApplicationId = 0x43464344;

    public const int Version = 1;

    public static readonly string Create = $"""
        PRAGMA application_id = {ApplicationId};
        PRAGMA user_version = {Version};

        CREATE TABLE card (
            id TEXT NOT NULL,
            counter INTEGER NOT NULL
        );

        CREATE TABLE items (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            vcard TEXT NOT NULL
        );

        CREATE TABLE changes (
            item_id INTEGER PRIMARY KEY,
            added INTEGER NOT NULL,
            changed INTEGER NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE sync_objects (
            peer TEXT PRIMARY KEY,
            last_id TEXT,
            last_counter INTEGER,
            new_id TEXT,
            new_counter INTEGER
        );

        CREATE TABLE peer_writes (
            peer TEXT NOT NULL,
            item_id INTEGER NOT NULL,
            guid TEXT,
            added INTEGER,
            written INTEGER NOT NULL,
            PRIMARY KEY (peer, item_id)
        );

        -- A peer that knew a deleted item must never take a new one for it.
        CREATE TRIGGER items_id_reused BEFORE INSERT ON items
        WHEN EXISTS (SELECT 1 FROM changes WHERE item_id = NEW.id AND deleted = 1)
        BEGIN
            SELECT RAISE(ABORT, 'card: an item id is never reused');
        END;

        CREATE TRIGGER items_id_changed BEFORE UPDATE OF id ON items
        WHEN NEW.id IS NOT OLD.id
        BEGIN
            SELECT RAISE(ABORT, 'card: an item id never changes');
        END;

        CREATE TRIGGER items_added AFTER INSERT ON items
        BEGIN
            UPDATE card SET counter = counter + 1;
            INSERT INTO changes (item_id, added, changed) VALUES (NEW.id, (SELECT counter FROM card), (SELECT counter FROM card))
                ON CONFLICT (item_id) DO UPDATE SET changed = excluded.changed;
        END;

        CREATE TRIGGER items_modified AFTER UPDATE OF vcard ON items
        WHEN NEW.vcard IS NOT OLD.vcard
        BEGIN
            UPDATE card SET counter = counter + 1;
            UPDATE changes SET changed = (SELECT counter FROM card) WHERE item_id = NEW.id;
        END;

        CREATE TRIGGER items_deleted AFTER DELETE ON items
        BEGIN
            UPDATE card SET counter = counter + 1;
            UPDATE changes SET changed = (SELECT counter FROM card), deleted = 1 WHERE item_id = OLD.id;
        END;
        """;
}
