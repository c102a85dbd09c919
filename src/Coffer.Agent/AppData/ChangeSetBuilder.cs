using Coffer.Formats.AppData;
using Microsoft.Data.Sqlite;

namespace Coffer.Agent.AppData;

/// <summary>
/// Reads the changes of an app database since the backup <paramref name="record"/> describes, from one read
/// transaction (one consistent snapshot, seed 001 flowchart: schema changes first, then each table's data changes):
/// the schema statements, per table the rowids deleted and the rows inserted or updated with all their values, and
/// the register rows. Returns null when the schema changed in a way a change set cannot carry.
/// </summary>
public static class ChangeSetBuilder
{
    public static (SqliteChangeSet Changes, List<SchemaEntry> Schema)? Build(SqliteConnection connection, AppDataFileRecord record)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var modification = Scalar(connection, "SELECT mod FROM coffer_mod WHERE id = 1");
        var schema = SchemaReader.Read(connection);
        var schemaChanges = SchemaChanges.Between(record.Schema, schema);
        if (schemaChanges == null || modification < record.Modification)
        {
            return null;
        }

        var register = ReadRegister(connection, record.Modification);
        var byTable = register.GroupBy(r => r.Table, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var tables = new List<SqliteTableChanges>();
        foreach (var table in schema.Where(e => ChangeRegister.Tracked(e) || e.Name == "sqlite_sequence"))
        {
            var columns = SchemaReader.Columns(connection, table.Name);
            var whole = schemaChanges.Created.Contains(table.Name) || schemaChanges.Rebuilt.Contains(table.Name) || table.Name == "sqlite_sequence";
            var changed = byTable.GetValueOrDefault(table.Name) ?? [];
            if (table.IsWithoutRowid)
            {
                // No rowid names its rows: a table with any change is sent whole (docs/appdata-change-set.md).
                if (whole || changed.Count > 0)
                {
                    tables.Add(new SqliteTableChanges(table.Name, columns, true, true, [], ReadAll(connection, table.Name, columns, rowid: false)));
                }

                continue;
            }

            if (whole)
            {
                tables.Add(new SqliteTableChanges(table.Name, columns, true, false, [], ReadAll(connection, table.Name, columns, rowid: true)));
                continue;
            }

            if (changed.Count == 0)
            {
                continue;
            }

            var deleted = changed.Where(r => r.Deleted).Select(r => r.RowId).Order().ToList();
            var rows = ReadRows(connection, table.Name, columns, changed.Where(r => !r.Deleted).Select(r => r.RowId).Order(), deleted);
            tables.Add(new SqliteTableChanges(table.Name, columns, false, false, deleted, rows));
        }

        var changes = new SqliteChangeSet
        {
            BaseModification = record.Modification,
            Modification = modification,
            SchemaDigest = SchemaReader.Digest(schema),
            UserVersion = SchemaReader.Pragma(connection, "user_version"),
            ApplicationId = SchemaReader.Pragma(connection, "application_id"),
            Statements = schemaChanges.Statements,
            Tables = tables,
            Tracking = register,
        };
        transaction.Commit();
        return (changes, schema);
    }

    /// <summary>True when nothing would be sent: no register rows, same schema and header values.</summary>
    public static bool IsEmpty(SqliteChangeSet changes, AppDataFileRecord record) =>
        changes.UserVersion == record.UserVersion && changes.ApplicationId == record.ApplicationId && changes.Statements.Count == 0 && changes.Tracking.Count == 0 && changes.Tables.All(t => t.Table == "sqlite_sequence");

    private static List<SqliteTrackedRow> ReadRegister(SqliteConnection connection, long since)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tbl, rid, mod, deleted FROM coffer_change WHERE mod > $since ORDER BY mod";
        command.Parameters.AddWithValue("$since", since);
        using var reader = command.ExecuteReader();
        var rows = new List<SqliteTrackedRow>();
        while (reader.Read())
        {
            rows.Add(new SqliteTrackedRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3) != 0));
        }

        return rows;
    }

    private static List<SqliteRow> ReadAll(SqliteConnection connection, string table, List<string> columns, bool rowid)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {(rowid ? "rowid, " : "0, ")}{SelectList(columns)} FROM {SqliteFiles.Quote(table)}{(rowid ? " ORDER BY rowid" : string.Empty)}";
        using var reader = command.ExecuteReader();
        var rows = new List<SqliteRow>();
        while (reader.Read())
        {
            rows.Add(Row(reader, columns.Count));
        }

        return rows;
    }

    /// <summary>The rows of <paramref name="rowids"/>; one the snapshot no longer has was deleted after all.</summary>
    private static List<SqliteRow> ReadRows(SqliteConnection connection, string table, List<string> columns, IEnumerable<long> rowids, List<long> deleted)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid, {SelectList(columns)} FROM {SqliteFiles.Quote(table)} WHERE rowid = $id";
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        command.Prepare();
        var rows = new List<SqliteRow>();
        foreach (var rowid in rowids)
        {
            id.Value = rowid;
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                rows.Add(Row(reader, columns.Count));
            }
            else
            {
                deleted.Add(rowid);
            }
        }

        deleted.Sort();
        return rows;
    }

    private static string SelectList(List<string> columns) => columns.Count == 0 ? "NULL" : string.Join(", ", columns.Select(SqliteFiles.Quote));

    private static SqliteRow Row(SqliteDataReader reader, int count)
    {
        var values = new object?[count];
        for (var i = 0; i < count; i++)
        {
            // The storage class as stored (https://www.sqlite.org/datatype3.html §2): a REAL stays a double, a BLOB bytes.
            values[i] = reader.IsDBNull(i + 1) ? null : reader.GetFieldType(i + 1) switch
            {
                var t when t == typeof(long) => reader.GetInt64(i + 1),
                var t when t == typeof(double) => reader.GetDouble(i + 1),
                var t when t == typeof(byte[]) => (byte[])reader.GetValue(i + 1),
                _ => reader.GetString(i + 1),
            };
        }

        return new SqliteRow(reader.GetInt64(0), values);
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
