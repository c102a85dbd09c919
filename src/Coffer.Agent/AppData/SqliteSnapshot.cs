using Microsoft.Data.Sqlite;

namespace Coffer.Agent.AppData;

/// <summary>
/// A consistent copy of an app database for a full backup, made with SQLite's online backup API (page by page, so
/// rowids and the register are those of one moment, whatever the app writes meanwhile), and what the copy is at:
/// its modification number, schema and header values, which become the base of the next change set once the server
/// has the copy.
/// </summary>
public sealed record SqliteSnapshot(string CopyPath, long Modification, List<SchemaEntry> Schema, long UserVersion, long ApplicationId)
{
    public static SqliteSnapshot Take(SqliteConnection source, string copyPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(copyPath)!);
        File.Delete(copyPath);
        using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copyPath, Pooling = false }.ToString()))
        {
            copy.Open();
            source.BackupDatabase(copy);
        }

        return Describe(copyPath);
    }

    /// <summary>What a copy made earlier is at (a full backup that goes on after an interruption).</summary>
    public static SqliteSnapshot Describe(string copyPath)
    {
        using var copy = SqliteFiles.Open(copyPath, readOnly: true);
        using var command = copy.CreateCommand();
        command.CommandText = "SELECT mod FROM coffer_mod WHERE id = 1";
        var modification = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return new SqliteSnapshot(copyPath, modification, SchemaReader.Read(copy), SchemaReader.Pragma(copy, "user_version"), SchemaReader.Pragma(copy, "application_id"));
    }
}
