using Coffer.Storage;
using Microsoft.Data.Sqlite;

namespace Coffer.Backup;

/// <summary>A snapshot of the SQLite store: the database file itself (coffer.db), page for page.</summary>
public sealed class SqliteSnapshotFormat : ISnapshotFormat
{
    public const string DatabaseFileName = "coffer.db";

    public static SqliteSnapshotFormat Instance { get; } = new();

    public string Kind => "sqlite";

    public string FileName => DatabaseFileName;

    public bool StreamShaped => false;

    public Task<IReadOnlyList<UserItemCount>> CountAsync(string path, CancellationToken cancellationToken)
    {
        using var connection = OpenReadOnly(path);
        return Task.FromResult(Count(connection));
    }

    public Task CheckDestinationAsync(RestoreDestination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.ConnectionString is not null)
        {
            throw new BackupException("this is a backup of a SQLite store: restore it into a data directory, not a PostgreSQL database");
        }

        // The restore's own work directory is all it may hold.
        if (Directory.Exists(destination.DataDir) && Directory.EnumerateFileSystemEntries(destination.DataDir).Any(e => Path.GetFileName(e) != BackupRepository.RestoreWorkDirectoryName))
        {
            throw new BackupException($"{destination.DataDir} is not empty: restore only into an empty or new data directory");
        }

        return Task.CompletedTask;
    }

    public Task InstallAsync(string path, RestoreDestination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var dataDir = destination.DataDir;
        PrivateFiles.EnsureDirectory(dataDir);
        var target = Path.Combine(dataDir, DatabaseFileName);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Flush(flushToDisk: true);
        }

        File.Move(path, target, overwrite: false);
        PrivateFiles.Restrict(target);
        DirectorySync.Flush(dataDir);
        return Task.CompletedTask;
    }

    internal static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    internal static IReadOnlyList<UserItemCount> Count(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT u.id, u.name,
              (SELECT count(*) FROM items i JOIN datastores d ON d.id = i.datastore_id WHERE d.user_id = u.id AND i.deleted = 0),
              (SELECT count(*) FROM item_versions v JOIN items i ON i.id = v.item_id JOIN datastores d ON d.id = i.datastore_id WHERE d.user_id = u.id)
            FROM users u ORDER BY u.id
            """;
        using var reader = cmd.ExecuteReader();
        var users = new List<UserItemCount>();
        while (reader.Read())
        {
            users.Add(new UserItemCount(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return users;
    }
}
