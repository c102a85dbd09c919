namespace Coffer.Backup;

/// <summary>
/// Where a restore puts the store: the data directory (SQLite: coffer.db goes there; PostgreSQL: the server's data
/// directory, which holds the master key file and the restore's work directory) and, for PostgreSQL, the connection
/// string of the empty database that receives the data.
/// </summary>
public sealed record RestoreDestination(string DataDir, string? ConnectionString = null)
{
    /// <summary>Where the store goes, for messages (never the connection string: it may hold a password).</summary>
    public string Describe() => ConnectionString is null
        ? DataDir
        : $"PostgreSQL database {new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database}";
}
