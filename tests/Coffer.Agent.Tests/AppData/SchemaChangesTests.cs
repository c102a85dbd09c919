using Coffer.Agent.AppData;

namespace Coffer.Agent.Tests.AppData;

public sealed class SchemaChangesTests
{
    private static readonly SchemaEntry Notes = new("table", "notes", "notes", "CREATE TABLE notes(id INTEGER PRIMARY KEY, title TEXT)");
    private static readonly SchemaEntry TitleIndex = new("index", "notes_title", "notes", "CREATE INDEX notes_title ON notes(title)");
    private static readonly SchemaEntry Trigger = new("trigger", "coffer_ai_notes", "notes", "CREATE TRIGGER coffer_ai_notes AFTER INSERT ON notes BEGIN SELECT 1; END");

    [Fact]
    public void A_table_that_only_gained_a_column_gets_ALTER_TABLE_ADD_COLUMN_with_the_columns_text()
    {
        var grown = Notes with { Sql = "CREATE TABLE notes(id INTEGER PRIMARY KEY, title TEXT, starred INTEGER NOT NULL DEFAULT 0)" };
        var changes = SchemaChanges.Between([Notes, TitleIndex], [grown, TitleIndex]).ShouldNotBeNull();
        changes.Statements.ShouldBe(["ALTER TABLE \"notes\" ADD COLUMN starred INTEGER NOT NULL DEFAULT 0"]);
        (changes.Created.Count, changes.Rebuilt.Count).ShouldBe((0, 0));
    }

    [Fact]
    public void A_table_changed_otherwise_is_dropped_and_created_again_with_its_indexes_and_triggers()
    {
        var renamed = Notes with { Sql = "CREATE TABLE notes(id INTEGER PRIMARY KEY, heading TEXT)" };
        var index = TitleIndex with { Sql = "CREATE INDEX notes_title ON notes(heading)" };
        var changes = SchemaChanges.Between([Notes, TitleIndex, Trigger], [renamed, index, Trigger]).ShouldNotBeNull();
        changes.Statements.ShouldBe(["DROP TABLE IF EXISTS \"notes\"", renamed.Sql!, index.Sql!, Trigger.Sql!]);
        changes.Rebuilt.ShouldBe(["notes"]);
    }

    [Fact]
    public void Drops_come_first_then_new_objects_in_their_schema_order()
    {
        var attachments = new SchemaEntry("table", "attachments", "attachments", "CREATE TABLE attachments(id INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB)");
        var sequence = new SchemaEntry("table", "sqlite_sequence", "sqlite_sequence", "CREATE TABLE sqlite_sequence(name,seq)");
        var auto = new SchemaEntry("index", "sqlite_autoindex_x_1", "x", null);
        var changes = SchemaChanges.Between([Notes, TitleIndex], [Notes, attachments, sequence, auto]).ShouldNotBeNull();
        changes.Statements.ShouldBe(["DROP INDEX IF EXISTS \"notes_title\"", attachments.Sql!]);
        changes.Created.ShouldBe(["attachments", "sqlite_sequence"], ignoreOrder: true);
    }

    [Fact]
    public void Virtual_tables_and_statistics_tables_cannot_be_carried()
    {
        SchemaChanges.Between([Notes], [Notes, new SchemaEntry("table", "search", "search", "CREATE VIRTUAL TABLE search USING fts5(body)")]).ShouldBeNull();
        SchemaChanges.Between([Notes], [Notes, new SchemaEntry("table", "sqlite_stat1", "sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)")]).ShouldBeNull();
    }

    [Theory]
    [InlineData("CREATE TABLE t(a, b)", "CREATE TABLE t(a, b, c)", "c")]
    [InlineData("CREATE TABLE t(a, b)", "CREATE TABLE t(a, b, b2 TEXT DEFAULT 'x, y')", "b2 TEXT DEFAULT 'x, y'")]
    [InlineData("CREATE TABLE t(a, a)", "CREATE TABLE t(a, a, a)", "a")]
    [InlineData("CREATE TABLE t(a, b)", "CREATE TABLE t(a, c)", null)]
    [InlineData("CREATE TABLE t(a, b)", "CREATE TABLE t(a)", null)]
    public void The_added_column_is_found_only_where_SQLite_would_have_inserted_it(string before, string now, string? column) =>
        SchemaChanges.AddedColumn(before, now).ShouldBe(column);
}
