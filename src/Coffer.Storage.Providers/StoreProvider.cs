namespace Coffer.Storage.Providers;

/// <summary>The storage backends a host can run on (Coffer:Storage:Provider).</summary>
public enum StoreProvider
{
    /// <summary>One SQLite file in the data directory (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database named by Coffer:Storage:ConnectionString.</summary>
    Postgres,
}
