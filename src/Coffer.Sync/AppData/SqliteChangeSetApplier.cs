using System.Globalization;
using Coffer.Formats.AppData;
using Coffer.SyncML;
using Microsoft.Data.Sqlite;

namespace Coffer.Sync.AppData;

/// <summary>
/// Applies a change set to a full copy of an app database, in one SQLite transaction (seed 001: "any schema changes
/// are applied to the database stored by server and any data changes are applied ... using a DML"): the copy's
/// register must be at the change set's base, then the schema statements, a check that the schema is now the
/// device's, the rows, the register rows, the counter and the header values. Triggers are off on this connection
/// (SQLITE_DBCONFIG_ENABLE_TRIGGER): the rows arrive as the device's triggers left them, and the app's triggers or
/// the agent's must not fire twice. Anything that does not apply rolls back and leaves the copy as it was.
/// </summary>
public static class SqliteChangeSetApplier
{
    private const int EnableTrigger = 1003;

    public static void Apply(string path, SqliteChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, ForeignKeys = false }.ToString());
        try
        {
            connection.Open();
            if (SQLitePCL.raw.sqlite3_db_config(connection.Handle, EnableTrigger, 0, out _) != SQLitePCL.raw.SQLITE_OK)
            {
                throw new ChangeSetRejectedException(StatusCode.CommandFailed, "cannot switch triggers off on the copy");
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            var at = Base(connection);
            if (at != changes.BaseModification)
            {
                // OMA-TS-SyncML_RepPro-V1_2 §10: 409 "Conflict": the copy is not the version the changes were taken from.
                throw new ChangeSetRejectedException(StatusCode.Conflict, $"the stored copy is at modification {at?.ToString(CultureInfo.InvariantCulture) ?? "none"}, the change set starts at {changes.BaseModification}");
            }

            for (var i = 0; i < changes.Statements.Count; i++)
            {
                Run(connection, changes.Statements[i], $"schema statement {i + 1}");
            }

            if (!Digest(connection).AsSpan().SequenceEqual(changes.SchemaDigest))
            {
                throw new ChangeSetRejectedException(StatusCode.CommandFailed, "after the schema statements the copy's schema is not the device's");
            }

            foreach (var table in changes.Tables)
            {
                ApplyRows(connection, table);
            }

            ApplyRegister(connection, changes);
            Run(connection, "PRAGMA user_version = " + changes.UserVersion.ToString(CultureInfo.InvariantCulture), "user_version");
            Run(connection, "PRAGMA application_id = " + changes.ApplicationId.ToString(CultureInfo.InvariantCulture), "application_id");
            transaction.Commit();
        }
        catch (SqliteException ex)
        {
            throw new ChangeSetRejectedException(StatusCode.CommandFailed, "the change set does not apply: " + ex.Message, ex);
        }
    }

    private static long? Base(SqliteConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT mod FROM coffer_mod WHERE id = 1";
            return command.ExecuteScalar() is long value ? value : null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    private static byte[] Digest(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string, string?)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return SqliteSchemaDigest.Of(rows);
    }

    private static void ApplyRows(SqliteConnection connection, SqliteTableChanges table)
    {
        var name = Quote(table.Table);
        if (table.Whole)
        {
            Run(connection, $"DELETE FROM {name}", $"emptying {table.Table}");
        }
        else if (table.Deleted.Count > 0)
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM {name} WHERE rowid = $id";
            var id = delete.Parameters.Add("$id", SqliteType.Integer);
            foreach (var rowid in table.Deleted)
            {
                id.Value = rowid;
                delete.ExecuteNonQuery();
            }
        }

        if (table.Rows.Count == 0)
        {
            return;
        }

        // OR REPLACE: a row that took a unique value another changed row held in the copy; that row is in the change
        // set too and gets its own final values.
        using var insert = connection.CreateCommand();
        var columns = table.Columns.Select(Quote).ToList();
        var values = table.Columns.Select((_, i) => "$c" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (!table.WithoutRowid)
        {
            columns.Insert(0, "rowid");
            values.Insert(0, "$rowid");
        }

        insert.CommandText = $"INSERT OR REPLACE INTO {name}({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)})";
        var parameters = values.Select(v => insert.Parameters.Add(new SqliteParameter { ParameterName = v })).ToList();
        foreach (var row in table.Rows)
        {
            var p = 0;
            if (!table.WithoutRowid)
            {
                parameters[p++].Value = row.RowId;
            }

            foreach (var value in row.Values)
            {
                parameters[p++].Value = value ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
        }
    }

    private static void ApplyRegister(SqliteConnection connection, SqliteChangeSet changes)
    {
        using var upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT INTO coffer_change(tbl, rid, mod, deleted) VALUES ($t, $r, $m, $d) ON CONFLICT(tbl, rid) DO UPDATE SET mod = excluded.mod, deleted = excluded.deleted";
        var (t, r, m, d) = (upsert.Parameters.Add("$t", SqliteType.Text), upsert.Parameters.Add("$r", SqliteType.Integer), upsert.Parameters.Add("$m", SqliteType.Integer), upsert.Parameters.Add("$d", SqliteType.Integer));
        foreach (var row in changes.Tracking)
        {
            (t.Value, r.Value, m.Value, d.Value) = (row.Table, row.RowId, row.Modification, row.Deleted ? 1 : 0);
            upsert.ExecuteNonQuery();
        }

        using var counter = connection.CreateCommand();
        counter.CommandText = "UPDATE coffer_mod SET mod = $m WHERE id = 1";
        counter.Parameters.AddWithValue("$m", changes.Modification);
        counter.ExecuteNonQuery();
    }

    private static void Run(SqliteConnection connection, string sql, string what)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            throw new ChangeSetRejectedException(StatusCode.CommandFailed, $"{what} failed: {ex.Message}", ex);
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
