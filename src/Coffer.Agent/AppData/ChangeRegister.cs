using Microsoft.Data.Sqlite;

namespace Coffer.Agent.AppData;

/// <summary>
/// What the agent installs into an app's database (docs/agent.md "App data"), never altering the app's own tables:
/// the change register <c>coffer_change</c> (one row per changed row: table, rowid, the modification number of its
/// last change, whether it was deleted), the counter <c>coffer_mod</c> (seed 001: "the modification number may be
/// stored within the database as a persistent column"), and per user table three AFTER INSERT / UPDATE / DELETE
/// triggers that bump the counter and record the row. A WITHOUT ROWID table has no rowid to record: its triggers
/// record rowid 0, which marks the whole table changed.
/// </summary>
public static class ChangeRegister
{
    public const string Prefix = "coffer_";

    private const string Setup = """
        CREATE TABLE IF NOT EXISTS coffer_mod(id INTEGER PRIMARY KEY CHECK (id = 1), mod INTEGER NOT NULL);
        INSERT OR IGNORE INTO coffer_mod(id, mod) VALUES (1, 0);
        CREATE TABLE IF NOT EXISTS coffer_change(tbl TEXT NOT NULL, rid INTEGER NOT NULL, mod INTEGER NOT NULL, deleted INTEGER NOT NULL, PRIMARY KEY (tbl, rid)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS coffer_change_mod ON coffer_change(mod);
        """;

    /// <summary>Installs the register and the triggers of every user table that lacks them; returns how many tables got triggers.</summary>
    public static int Install(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Run(connection, Setup);
        var schema = SchemaReader.Read(connection);
        var triggers = schema.Where(e => e.Type == "trigger").Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var installed = 0;
        foreach (var table in schema.Where(Tracked))
        {
            if (!triggers.Contains(TriggerName("ai", table.Name)))
            {
                Run(connection, Triggers(table));
                installed++;
            }
        }

        transaction.Commit();
        return installed;
    }

    /// <summary>The tables whose rows the register follows: the app's ordinary tables.</summary>
    public static bool Tracked(SchemaEntry entry) => entry.IsTable && !entry.IsInternal && !entry.IsRegister && !entry.IsVirtual;

    public static string TriggerName(string kind, string table) => Prefix + kind + "_" + table;

    /// <summary>SQL that removes everything <see cref="Install"/> put in (docs/agent.md says when to run it).</summary>
    public static string RemovalSql(IEnumerable<SchemaEntry> schema) => string.Concat(
        schema.Where(e => e.Type == "trigger" && e.IsRegister).Select(e => $"DROP TRIGGER IF EXISTS {SqliteFiles.Quote(e.Name)};\n"))
        + "DROP TABLE IF EXISTS coffer_change;\nDROP TABLE IF EXISTS coffer_mod;\n";

    private static string Triggers(SchemaEntry table)
    {
        var q = SqliteFiles.Quote(table.Name);
        var l = SqliteFiles.Literal(table.Name);
        var (oldId, newId) = table.IsWithoutRowid ? ("0", "0") : ("OLD.rowid", "NEW.rowid");

        // An upsert, not INSERT OR REPLACE: an app statement's own conflict clause (INSERT OR IGNORE) would override
        // the trigger's (https://www.sqlite.org/lang_createtrigger.html), and the row would go unrecorded.
        string Record(string id, int deleted) =>
            $"INSERT INTO coffer_change(tbl, rid, mod, deleted) VALUES ({l}, {id}, (SELECT mod FROM coffer_mod WHERE id = 1), {deleted}) ON CONFLICT(tbl, rid) DO UPDATE SET mod = excluded.mod, deleted = excluded.deleted;";
        const string Bump = "UPDATE coffer_mod SET mod = mod + 1 WHERE id = 1;";
        return $"""
            CREATE TRIGGER {SqliteFiles.Quote(TriggerName("ai", table.Name))} AFTER INSERT ON {q} BEGIN {Bump} {Record(newId, 0)} END;
            CREATE TRIGGER {SqliteFiles.Quote(TriggerName("au", table.Name))} AFTER UPDATE ON {q} BEGIN {Bump} {Record(oldId, 1)} {Record(newId, 0)} END;
            CREATE TRIGGER {SqliteFiles.Quote(TriggerName("ad", table.Name))} AFTER DELETE ON {q} BEGIN {Bump} {Record(oldId, 1)} END;
            """;
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
