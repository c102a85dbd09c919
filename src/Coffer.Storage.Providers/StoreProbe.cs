using Npgsql;

namespace Coffer.Storage.Providers;

/// <summary>
/// Whether a Coffer store exists where a host is pointed, without creating one (opening a store creates or migrates its
/// schema): for tools that must not leave an empty store behind a mistyped data directory or database name.
/// </summary>
public static class StoreProbe
{
    /// <summary>
    /// SQLite: the data directory holds coffer.db. PostgreSQL: the database can be reached and holds the Coffer schema;
    /// a database that cannot be reached throws the provider's exception (a <see cref="System.Data.Common.DbException"/>).
    /// </summary>
    public static async Task<bool> ExistsAsync(StoreProvider provider, string? connectionString, string dataDir, CancellationToken cancellationToken = default)
    {
        if (provider == StoreProvider.Sqlite)
        {
            return File.Exists(Path.Combine(Path.GetFullPath(dataDir), Sqlite.SqliteCofferStore.FileName));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // Unpooled: a probe leaves no idle connection behind in a pool nobody will use again.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
