using System.Text;
using SQLitePCL;
using static SQLitePCL.raw;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// The current row of a <see cref="SqliteStatement"/>: valid only inside the mapping function it is handed to. SQLite
/// converts between storage classes as sqlite.org/c3ref/column_blob.html describes (an INTEGER read as text is its
/// decimal form, and so on).
/// </summary>
internal sealed class SqliteRow(sqlite3_stmt stmt)
{
    public bool IsDBNull(int ordinal) => sqlite3_column_type(stmt, ordinal) == SQLITE_NULL;

    public long GetInt64(int ordinal) => sqlite3_column_int64(stmt, ordinal);

    public int GetInt32(int ordinal) => checked((int)sqlite3_column_int64(stmt, ordinal));

    public string GetString(int ordinal)
    {
        // The database is UTF-8 (SQLite's default encoding), so a value's bytes are its text.
        var bytes = sqlite3_column_blob(stmt, ordinal);
        return bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
    }

    public byte[] GetBytes(int ordinal) => sqlite3_column_blob(stmt, ordinal).ToArray();

    /// <summary>The value in its storage class: long, double, string, byte[], or null.</summary>
    public object? GetValue(int ordinal) => sqlite3_column_type(stmt, ordinal) switch
    {
        SQLITE_INTEGER => GetInt64(ordinal),
        SQLITE_FLOAT => sqlite3_column_double(stmt, ordinal),
        SQLITE_TEXT => GetString(ordinal),
        SQLITE_BLOB => GetBytes(ordinal),
        _ => null,
    };
}
