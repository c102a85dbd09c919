using Coffer.Formats.AppData;
using Coffer.Sync.AppData;
using Coffer.SyncML;
using Microsoft.Data.Sqlite;

namespace Coffer.Sync.Tests.AppData;

/// <summary>
/// The server's side of an app database's change set, on a real SQLite file: applied rows, triggers that do not fire
/// on the copy, and change sets that do not apply (a wrong base, a failing statement) rolled back whole.
/// </summary>
public sealed class SqliteChangeSetApplierTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "coffer-applier-" + Guid.NewGuid().ToString("N") + ".db");

    public SqliteChangeSetApplierTests()
    {
        Run("""
            CREATE TABLE coffer_mod(id INTEGER PRIMARY KEY CHECK (id = 1), mod INTEGER NOT NULL);
            INSERT INTO coffer_mod VALUES (1, 10);
            CREATE TABLE coffer_change(tbl TEXT NOT NULL, rid INTEGER NOT NULL, mod INTEGER NOT NULL, deleted INTEGER NOT NULL, PRIMARY KEY (tbl, rid)) WITHOUT ROWID;
            CREATE TABLE notes(id INTEGER PRIMARY KEY, title TEXT UNIQUE);
            CREATE TABLE log(what TEXT);
            CREATE TRIGGER notes_log AFTER INSERT ON notes BEGIN INSERT INTO log VALUES ('insert ' || NEW.id); END;
            INSERT INTO notes VALUES (1, 'one'), (2, 'two'), (3, 'three');
            DELETE FROM log;
            """);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    [Fact]
    public void Rows_are_deleted_and_upserted_by_rowid_without_firing_the_copys_triggers()
    {
        // Row 1 takes the title row 2 had; row 2 gets a new one: the order of the rows does not matter.
        SqliteChangeSetApplier.Apply(path, Changes(10, [], [
            new SqliteTableChanges("notes", ["id", "title"], false, false, [3], [new SqliteRow(1, [1L, "two"]), new SqliteRow(2, [2L, "deux"]), new SqliteRow(7, [7L, "seven"])]),
        ]));
        Rows("SELECT id || '=' || title FROM notes ORDER BY id").ShouldBe(["1=two", "2=deux", "7=seven"]);
        Rows("SELECT what FROM log").ShouldBeEmpty();
        Rows("SELECT mod FROM coffer_mod").ShouldBe(["20"]);
        Rows("SELECT tbl || ':' || rid || ':' || mod FROM coffer_change").ShouldBe(["notes:7:20"]);
    }

    [Fact]
    public void A_change_set_read_against_another_base_is_a_409_and_changes_nothing()
    {
        var before = Rows("SELECT id || '=' || title FROM notes ORDER BY id");
        var refused = Should.Throw<ChangeSetRejectedException>(() => SqliteChangeSetApplier.Apply(path, Changes(9, [], [
            new SqliteTableChanges("notes", ["id", "title"], true, false, [], []),
        ])));
        refused.Status.ShouldBe(StatusCode.Conflict);
        Rows("SELECT id || '=' || title FROM notes ORDER BY id").ShouldBe(before);
    }

    [Fact]
    public void A_failing_statement_is_a_500_and_rolls_back_what_ran_before_it()
    {
        var before = Rows("SELECT id || '=' || title FROM notes ORDER BY id");
        var refused = Should.Throw<ChangeSetRejectedException>(() => SqliteChangeSetApplier.Apply(path, Changes(10, ["DROP TABLE log", "CREATE TABLE notes(x)"], [])));
        refused.Status.ShouldBe(StatusCode.CommandFailed);
        Rows("SELECT name FROM sqlite_schema WHERE name = 'log'").ShouldBe(["log"]);
        Rows("SELECT id || '=' || title FROM notes ORDER BY id").ShouldBe(before);
        Rows("SELECT mod FROM coffer_mod").ShouldBe(["10"]);
    }

    [Fact]
    public void A_schema_that_does_not_end_as_the_devices_is_refused()
    {
        var changes = Changes(10, ["CREATE TABLE extra(a)"], []) with { SchemaDigest = new byte[32] };
        Should.Throw<ChangeSetRejectedException>(() => SqliteChangeSetApplier.Apply(path, changes)).Status.ShouldBe(StatusCode.CommandFailed);
        Rows("SELECT name FROM sqlite_schema WHERE name = 'extra'").ShouldBeEmpty();
    }

    /// <summary>A change set from <paramref name="baseModification"/> to 20 whose digest is the schema after <paramref name="statements"/> (computed on a scratch copy).</summary>
    private SqliteChangeSet Changes(long baseModification, string[] statements, SqliteTableChanges[] tables)
    {
        var scratch = path + ".digest";
        File.Copy(path, scratch, overwrite: true);
        byte[] digest;
        try
        {
            using var connection = new SqliteConnection($"Data Source={scratch};Pooling=False");
            connection.Open();
            foreach (var statement in statements)
            {
                using var command = connection.CreateCommand();
                command.CommandText = statement;
                try
                {
                    command.ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    break;
                }
            }

            using var schema = connection.CreateCommand();
            schema.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid";
            using var reader = schema.ExecuteReader();
            var rows = new List<(string, string, string, string?)>();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }

            digest = SqliteSchemaDigest.Of(rows);
        }
        finally
        {
            File.Delete(scratch);
        }

        var tracking = tables.SelectMany(t => t.Rows.Select(r => new SqliteTrackedRow(t.Table, r.RowId, 20, false))).Where(r => r.RowId == 7).ToList();
        return new SqliteChangeSet { BaseModification = baseModification, Modification = 20, SchemaDigest = digest, Statements = statements, Tables = tables, Tracking = tracking };
    }

    private void Run(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<string> Rows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }
}
