using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// The Coffer schema for code outside the store that must build it itself: a restore creates the tables of the
/// backed-up schema version in an empty database, in its own transaction, then fills them.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The schema version this build migrates to.</summary>
    public static int Latest => PgMigrations.Latest;

    /// <summary>Creates the schema at <paramref name="version"/> (migrations 1..version) inside <paramref name="transaction"/>.</summary>
    public static Task CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int version, TimeProvider time, CancellationToken cancellationToken) =>
        PgMigrations.ApplyAsync(connection, transaction, version, time, cancellationToken);
}
