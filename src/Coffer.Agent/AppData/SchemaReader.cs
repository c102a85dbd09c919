using Coffer.Formats.AppData;
using Microsoft.Data.Sqlite;

namespace Coffer.Agent.AppData;

/// <summary>Reads a database's schema (its <c>sqlite_schema</c> rows in their order), header values and columns.</summary>
public static class SchemaReader
{
    public static List<SchemaEntry> Read(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var entries = new List<SchemaEntry>();
        while (reader.Read())
        {
            entries.Add(new SchemaEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return entries;
    }

    public static byte[] Digest(IEnumerable<SchemaEntry> schema) => SqliteSchemaDigest.Of(schema.Select(e => (e.Type, e.Name, e.Table, e.Sql)));

    public static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The columns a row is written with: every column but generated ones (<c>PRAGMA table_xinfo</c> hidden 0).</summary>
    public static List<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_xinfo($t) WHERE hidden = 0 ORDER BY cid";
        command.Parameters.AddWithValue("$t", table);
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
