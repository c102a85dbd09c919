using Npgsql;

namespace Coffer.Storage.Providers;

/// <summary>How much disk the store takes, for the administration's storage page.</summary>
public static class StoreSize
{
    /// <summary>SQLite: the database file with its WAL and shared-memory files. PostgreSQL: pg_database_size of the database.</summary>
    public static async Task<long> MeasureAsync(StoreProvider provider, string? connectionString, string dataDir, CancellationToken cancellationToken = default)
    {
        if (provider == StoreProvider.Sqlite)
        {
            var db = Path.Combine(Path.GetFullPath(dataDir), Sqlite.SqliteCofferStore.FileName);
            return new[] { db, db + "-wal", db + "-shm" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
