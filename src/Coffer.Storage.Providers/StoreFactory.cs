namespace Coffer.Storage.Providers;

/// <summary>
/// Creates the store a host is configured for: Coffer:Storage:Provider (sqlite, the default, or postgres) and, for
/// PostgreSQL, Coffer:Storage:ConnectionString. The server reads both from its configuration (command line, environment
/// Coffer__Storage__Provider, appsettings); the CLI takes --provider and --connection, else the same configuration.
/// </summary>
public static class StoreFactory
{
    public const string ProviderKey = "Coffer:Storage:Provider";

    public const string ConnectionStringKey = "Coffer:Storage:ConnectionString";

    /// <summary>A hot standby of the PostgreSQL database that web pages and API listings may read from (docs/operations.md).</summary>
    public const string ReplicaConnectionStringKey = "Coffer:Storage:ReplicaConnectionString";

    /// <summary>"sqlite" (or nothing) and "postgres" (or "postgresql"), in any case.</summary>
    public static StoreProvider ParseProvider(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => StoreProvider.Sqlite,
        "postgres" or "postgresql" => StoreProvider.Postgres,
        _ => throw new ArgumentException($"unknown storage provider '{name}' ({ProviderKey}: sqlite or postgres)", nameof(name)),
    };

    /// <param name="connectionString">Required for PostgreSQL; SQLite keeps its file in <see cref="StorageOptions.DataDir"/> and takes none.</param>
    public static ICofferStore Create(StoreProvider provider, string? connectionString, StorageOptions options, TimeProvider? timeProvider = null) => provider switch
    {
        StoreProvider.Sqlite => string.IsNullOrWhiteSpace(connectionString)
            ? new Sqlite.SqliteCofferStore(options, timeProvider)
            : throw new ArgumentException($"{ConnectionStringKey} is for PostgreSQL; SQLite keeps coffer.db in the data directory", nameof(connectionString)),
        StoreProvider.Postgres => string.IsNullOrWhiteSpace(connectionString)
            ? throw new ArgumentException($"{ProviderKey}=postgres needs {ConnectionStringKey} (e.g. \"Host=/run/postgresql;Database=coffer;Username=coffer\")", nameof(connectionString))
            : new Postgres.PostgresCofferStore(connectionString, options, timeProvider),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// The store with reads routed to <paramref name="replicaConnectionString"/> where a request allows it
    /// (<see cref="ReplicaRoutingStore"/>), or the plain primary when no replica is configured.
    /// </summary>
    public static ICofferStore Create(StoreProvider provider, string? connectionString, string? replicaConnectionString, StorageOptions options, TimeProvider? timeProvider = null)
    {
        if (string.IsNullOrWhiteSpace(replicaConnectionString))
        {
            return Create(provider, connectionString, options, timeProvider);
        }

        if (provider != StoreProvider.Postgres)
        {
            throw new ArgumentException($"{ReplicaConnectionStringKey} needs {ProviderKey}=postgres: SQLite has no replicas", nameof(replicaConnectionString));
        }

        return new ReplicaRoutingStore(
            Create(provider, connectionString, options, timeProvider),
            new Postgres.PostgresCofferStore(replicaConnectionString, options, timeProvider, replica: true),
            timeProvider ?? TimeProvider.System);
    }

    /// <summary>Where a store keeps its data, for messages: never the connection string, which may hold a password.</summary>
    public static string Describe(StoreProvider provider, string? connectionString, string dataDir) => provider == StoreProvider.Postgres
        ? $"PostgreSQL database {new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database}"
        : Path.Combine(Path.GetFullPath(dataDir), Sqlite.SqliteCofferStore.FileName);
}
