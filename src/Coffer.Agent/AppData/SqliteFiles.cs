using Microsoft.Data.Sqlite;

namespace Coffer.Agent.AppData;

/// <summary>Which files are SQLite databases, and how the agent opens one.</summary>
public static class SqliteFiles
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>True when the file starts with the SQLite header (https://www.sqlite.org/fileformat.html §1.3).</summary>
    public static bool IsDatabase(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> head = stackalloc byte[16];
            return file.ReadAtLeast(head, 16, throwOnEndOfStream: false) == 16 && head.SequenceEqual(Header);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// A connection of its own (no pool, so the file is let go at once) that waits up to 30 s for the app's writes;
    /// triggers and foreign keys as the file says (the agent's register triggers must fire for its own writes too).
    /// </summary>
    public static SqliteConnection Open(string path, bool readOnly = false)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>A name as an SQL identifier, quoted (SQL: "...", quotes doubled).</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A string as an SQL literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
