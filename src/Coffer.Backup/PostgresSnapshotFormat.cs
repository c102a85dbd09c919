using Coffer.Storage.Postgres;
using Npgsql;

namespace Coffer.Backup;

/// <summary>
/// A snapshot of a PostgreSQL store: the binary COPY of every table in one file (<see cref="PgSnapshotFile"/>). Counting
/// reads the file alone (no database needed to verify); installing builds the schema of the snapshot's version in an
/// empty database and loads every table, in one transaction.
/// </summary>
public sealed class PostgresSnapshotFormat : ISnapshotFormat
{
    public const string SnapshotFileName = "coffer-postgres.snapshot";

    public static PostgresSnapshotFormat Instance { get; } = new();

    public string Kind => "postgres";

    public string FileName => SnapshotFileName;

    /// <summary>A dump: a row added early moves every byte after it.</summary>
    public bool StreamShaped => true;

    /// <summary>The connection string without pooling: a backup or restore is one long connection, not a pool to keep.</summary>
    internal static string Unpooled(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public Task<IReadOnlyList<UserItemCount>> CountAsync(string path, CancellationToken cancellationToken) => Task.Run(() => Count(path), cancellationToken);

    public async Task CheckDestinationAsync(RestoreDestination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.ConnectionString is null)
        {
            throw new BackupException("this is a backup of a PostgreSQL store: restore it into an empty PostgreSQL database (--provider postgres --connection \"...\")");
        }

        await using var connection = new NpgsqlConnection(Unpooled(destination.ConnectionString));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await EnsureEmptyAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task InstallAsync(string path, RestoreDestination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await CheckDestinationAsync(destination, cancellationToken).ConfigureAwait(false);
        await using var connection = new NpgsqlConnection(Unpooled(destination.ConnectionString!));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureEmptyAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var schemaVersion = PgSnapshotFile.ReadHeader(file);
        await PostgresSchema.CreateAsync(connection, tx, schemaVersion, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var expected = (await PostgresCatalog.TablesAsync(connection, tx, cancellationToken).ConfigureAwait(false)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var buffer = new byte[1 << 16];
        while (PgSnapshotFile.ReadSection(file) is var (table, length))
        {
            if (!expected.Remove(table.Name))
            {
                throw new BackupException($"table {table.Name} of the snapshot is not in schema version {schemaVersion} of this build");
            }

            await using (var copy = await connection.BeginRawBinaryCopyAsync(
                $"COPY {PostgresCatalog.Quote(table.Name)} ({string.Join(", ", table.Columns.Select(PostgresCatalog.Quote))}) FROM STDIN (FORMAT binary)",
                cancellationToken).ConfigureAwait(false))
            {
                for (var left = length; left > 0;)
                {
                    var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new BackupException($"PostgreSQL snapshot, table {table.Name}: the data ends early");
                    }

                    await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    left -= read;
                }
            }

            await RestoreSequenceAsync(connection, tx, table, cancellationToken).ConfigureAwait(false);
        }

        if (expected.Count > 0)
        {
            throw new BackupException($"the snapshot has no table {string.Join(", ", expected)} of schema version {schemaVersion}");
        }

        // Statistics now: the planner would otherwise take the restored tables for empty until autovacuum analyzes them.
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection, tx))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureEmptyAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'S')", connection, tx);
        var count = (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (count > 0)
        {
            throw new BackupException($"PostgreSQL database {connection.Database} is not empty ({count} tables, views or sequences in its schema): restore only into an empty database");
        }
    }

    // The identity sequence goes on from where the backed-up one was (or from the highest id, whichever is higher).
    private static async Task RestoreSequenceAsync(NpgsqlConnection connection, NpgsqlTransaction tx, PgSnapshotTable table, CancellationToken cancellationToken)
    {
        if (table.IdentityColumn is null)
        {
            return;
        }

        var column = PostgresCatalog.Quote(table.IdentityColumn);
        await using var cmd = new NpgsqlCommand(
            $"SELECT setval(pg_get_serial_sequence($1, $2), GREATEST($3, MAX({column}))) FROM {PostgresCatalog.Quote(table.Name)} HAVING GREATEST($3, MAX({column})) IS NOT NULL",
            connection,
            tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = PostgresCatalog.Quote(table.Name) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = table.IdentityColumn });
        cmd.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = table.SequenceValue, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IReadOnlyList<UserItemCount> Count(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        PgSnapshotFile.ReadHeader(file);
        var names = new SortedDictionary<long, string>();
        var datastoreUser = new Dictionary<long, long>();
        var itemUser = new Dictionary<Guid, long>();
        var items = new Dictionary<long, long>();
        var versions = new Dictionary<long, long>();
        while (PgSnapshotFile.ReadSection(file) is var (table, length))
        {
            var start = file.Position;
            var reader = new PgCopyReader(file, table.Name, length);
            switch (table.Name)
            {
                case "users":
                    ReadAll(reader, table, ["id", "name"], f => names[Int64(f[0])] = System.Text.Encoding.UTF8.GetString(f[1]!));
                    break;
                case "datastores":
                    ReadAll(reader, table, ["id", "user_id"], f => datastoreUser[Int64(f[0])] = Int64(f[1]));
                    break;
                case "items":
                    ReadAll(reader, table, ["id", "datastore_id", "deleted"], f =>
                    {
                        var user = datastoreUser.TryGetValue(Int64(f[1]), out var u) ? u : throw new BackupException($"PostgreSQL snapshot: an item of datastore {Int64(f[1])}, which it does not hold");
                        itemUser[new Guid(f[0], bigEndian: true)] = user;
                        if (f[2] is [0])
                        {
                            items[user] = items.GetValueOrDefault(user) + 1;
                        }
                    });
                    break;
                case "item_versions":
                    ReadAll(reader, table, ["item_id"], f =>
                    {
                        var user = itemUser.TryGetValue(new Guid(f[0], bigEndian: true), out var u) ? u : throw new BackupException("PostgreSQL snapshot: a version of an item it does not hold");
                        versions[user] = versions.GetValueOrDefault(user) + 1;
                    });
                    break;
                default:
                    reader.SkipRows();
                    break;
            }

            if (file.Position != start + length)
            {
                throw new BackupException($"PostgreSQL snapshot, table {table.Name}: {file.Position - start} bytes read of {length}");
            }
        }

        return names.Select(n => new UserItemCount(n.Key, n.Value, items.GetValueOrDefault(n.Key), versions.GetValueOrDefault(n.Key))).ToList();
    }

    private static void ReadAll(PgCopyReader reader, PgSnapshotTable table, string[] columns, Action<byte[]?[]> row)
    {
        var wanted = columns.Select(table.ColumnIndex).ToArray();
        var fields = new byte[]?[wanted.Length];
        while (reader.Next(wanted, fields))
        {
            if (fields.Any(f => f is null))
            {
                throw new BackupException($"PostgreSQL snapshot, table {table.Name}: NULL in {string.Join(", ", columns)}");
            }

            row(fields);
        }
    }

    private static long Int64(byte[]? field) => field is { Length: 8 }
        ? System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(field)
        : throw new BackupException("PostgreSQL snapshot: a bigint that is not 8 bytes");
}
