using Coffer.Storage;
using Microsoft.Data.Sqlite;

namespace Coffer.Backup;

/// <summary>
/// Snapshots the SQLite store of a data directory with SQLite's online backup API (sqlite3_backup, through
/// <see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>): it copies the database page for page inside one
/// read transaction, so the copy is the store as of one commit, and in WAL mode writers are not held up meanwhile.
/// Page for page matters for incremental backups: a page keeps its offset from one snapshot to the next, so the
/// fixed-size chunks over unchanged pages are byte-identical and not stored again (VACUUM INTO would rebuild the file
/// and move everything).
/// </summary>
public sealed class SqliteBackupSource(string dataDir) : IBackupSource
{
    /// <summary>The private work directory in the data directory (same file system as the store; removed after use).</summary>
    public const string WorkDirectoryName = "backup-work";

    public ISnapshotFormat Format => SqliteSnapshotFormat.Instance;

    public string DatabasePath => Path.Combine(Path.GetFullPath(dataDir), SqliteSnapshotFormat.DatabaseFileName);

    public Task<StoreSnapshot> CreateSnapshotAsync(CancellationToken cancellationToken) => Task.Run(() => Create(cancellationToken), cancellationToken);

    private StoreSnapshot Create(CancellationToken cancellationToken)
    {
        if (!File.Exists(DatabasePath))
        {
            throw new BackupException($"no Coffer store in {Path.GetDirectoryName(DatabasePath)}");
        }

        // A work directory left by a crash holds an older snapshot: replace it.
        var work = Path.Combine(Path.GetDirectoryName(DatabasePath)!, WorkDirectoryName);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        PrivateFiles.EnsureDirectory(work);
        var path = Path.Combine(work, SqliteSnapshotFormat.DatabaseFileName);
        PrivateFiles.EnsureFile(path);
        try
        {
            using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString()))
            using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                source.Open();
                copy.Open();
                cancellationToken.ThrowIfCancellationRequested();
                source.BackupDatabase(copy);

                // The copy carries the store's WAL flag; as a plain rollback-journal file it is one self-contained file
                // (the server turns WAL back on when it opens a restored store).
                using var journal = copy.CreateCommand();
                journal.CommandText = "PRAGMA journal_mode = DELETE;";
                journal.ExecuteNonQuery();
            }

            using var snapshot = SqliteSnapshotFormat.OpenReadOnly(path);
            return new StoreSnapshot(path, work, SchemaVersion(snapshot), MasterKeyIds(snapshot), SqliteSnapshotFormat.Count(snapshot));
        }
        catch
        {
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    private static int SchemaVersion(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> MasterKeyIds(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT DISTINCT master_key_id FROM data_keys";
        using var reader = cmd.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
