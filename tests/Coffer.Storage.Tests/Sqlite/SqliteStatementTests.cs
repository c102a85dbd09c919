using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>
/// The statements the repositories run through SQLitePCL directly: every value binds as Microsoft.Data.Sqlite bound it,
/// and every mistake fails as loudly as it did there.
/// </summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public SqliteStatementTests()
    {
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "CREATE TABLE t (k INTEGER PRIMARY KEY, v, w TEXT)";
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();

    [Fact]
    public void Values_round_trip_in_their_storage_class()
    {
        using var insert = Prepare("INSERT INTO t (k, v) VALUES ($k, $v)");
        object?[] values = [null, DBNull.Value, "text", "ünïcödé €", new string('x', 5000), string.Empty, 42L, 7, true, 2.5, new byte[] { 1, 2, 0, 3 }, Array.Empty<byte>()];
        for (var i = 0; i < values.Length; i++)
        {
            insert.Bind([("$k", (long)i), ("$v", values[i])]);
            insert.Execute().ShouldBe(1);
        }

        using var select = Prepare("SELECT v, typeof(v) FROM t ORDER BY k");
        var rows = new List<(object? Value, string Type)>();
        select.Bind([]);
        while (select.Step())
        {
            rows.Add((select.Row.GetValue(0), select.Row.GetString(1)));
        }

        select.Reset();
        rows.Select(r => r.Type).ShouldBe(["null", "null", "text", "text", "text", "text", "integer", "integer", "integer", "real", "blob", "blob"]);
        rows[2].Value.ShouldBe("text");
        rows[3].Value.ShouldBe("ünïcödé €");
        rows[4].Value.ShouldBe(new string('x', 5000));
        rows[5].Value.ShouldBe(string.Empty);
        rows[6].Value.ShouldBe(42L);
        rows[7].Value.ShouldBe(7L);
        rows[8].Value.ShouldBe(1L);
        rows[9].Value.ShouldBe(2.5);
        rows[10].Value.ShouldBe(new byte[] { 1, 2, 0, 3 });

        // An empty byte array is a zero-length blob, not NULL.
        rows[11].Value.ShouldBe(Array.Empty<byte>());
    }

    [Fact]
    public void A_parameter_left_out_fails_instead_of_keeping_the_previous_value()
    {
        using var insert = Prepare("INSERT INTO t (k, v, w) VALUES ($k, $v, $w)");
        insert.Bind([("$k", 1L), ("$v", "a"), ("$w", "b")]);
        insert.Execute();

        Should.Throw<InvalidOperationException>(() => insert.Bind([("$k", 2L), ("$v", "a")])).Message.ShouldContain("$w");
    }

    [Fact]
    public void Names_the_statement_does_not_use_are_ignored()
    {
        using var insert = Prepare("INSERT INTO t (k) VALUES ($k)");
        insert.Bind([("$k", 1L), ("$unused", "x")]);
        insert.Execute().ShouldBe(1);
    }

    [Fact]
    public void A_value_of_a_type_without_a_storage_class_is_refused()
    {
        using var insert = Prepare("INSERT INTO t (k, v) VALUES ($k, $v)");
        Should.Throw<NotSupportedException>(() => insert.Bind([("$k", 1L), ("$v", DateTimeOffset.UnixEpoch)])).Message.ShouldContain("$v");
    }

    [Fact]
    public void A_constraint_violation_is_a_SqliteException_with_its_code_and_the_statement_stays_usable()
    {
        using var insert = Prepare("INSERT INTO t (k) VALUES ($k)");
        insert.Bind([("$k", 1L)]);
        insert.Execute();

        insert.Bind([("$k", 1L)]);
        var e = Should.Throw<SqliteException>(() => insert.Execute());
        e.SqliteErrorCode.ShouldBe(19); // SQLITE_CONSTRAINT, which the item repository turns into "already exists"

        insert.Bind([("$k", 2L)]);
        insert.Execute().ShouldBe(1);
    }

    [Fact]
    public void A_statement_that_writes_nothing_reports_no_changed_rows()
    {
        using var insert = Prepare("INSERT INTO t (k) VALUES ($k)");
        insert.Bind([("$k", 1L)]);
        insert.Execute().ShouldBe(1);

        using var select = Prepare("SELECT k FROM t");
        select.Bind([]);
        select.Execute().ShouldBe(-1);
    }

    [Fact]
    public void Only_one_statement_per_text()
    {
        Should.Throw<ArgumentException>(() => Prepare("DELETE FROM t; DROP TABLE t")).Message.ShouldContain("DROP TABLE t");
        Should.Throw<SqliteException>(() => Prepare("SELEKT 1"));
    }

    private SqliteStatement Prepare(string sql) => new(connection.Handle!, sql);
}
