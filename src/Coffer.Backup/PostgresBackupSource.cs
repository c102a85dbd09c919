using System.Data;
using Coffer.Storage;
using Npgsql;

namespace Coffer.Backup;

/// <summary>
/// Snapshots a PostgreSQL store (docs/backup.md): one REPEATABLE READ, READ ONLY transaction copies every table of the
/// store's schema with <c>COPY … TO STDOUT (FORMAT binary)</c> into one file (<see cref="PgSnapshotFile"/>), and counts
/// the items per user, reads the schema version and the master key ids in the same snapshot, so the counts describe
/// exactly what was copied. Writers go on meanwhile (MVCC: a reader takes no lock that holds them up); what they commit
/// afterwards is not in it. The file goes to a private work directory in the server's data directory.
/// </summary>
public sealed class PostgresBackupSource(string connectionString, string dataDir) : IBackupSource
{
    public ISnapshotFormat Format => PostgresSnapshotFormat.Instance;

    public Task<StoreSnapshot> CreateSnapshotAsync(CancellationToken cancellationToken) => CreateAsync(cancellationToken);

    private async Task<StoreSnapshot> CreateAsync(CancellationToken cancellationToken)
    {
        // A work directory left by a crash holds an older snapshot: replace it.
        var work = Path.Combine(Path.GetFullPath(dataDir), SqliteBackupSource.WorkDirectoryName);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        PrivateFiles.EnsureDirectory(work);
        var path = Path.Combine(work, PostgresSnapshotFormat.SnapshotFileName);
        PrivateFiles.EnsureFile(path);
        try
        {
            await using var connection = new NpgsqlConnection(PostgresSnapshotFormat.Unpooled(connectionString));
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, tx))
            {
                await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var schemaVersion = await SchemaVersionAsync(connection, tx, cancellationToken).ConfigureAwait(false);
            var tables = await PostgresCatalog.TablesAsync(connection, tx, cancellationToken).ConfigureAwait(false);
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                PgSnapshotFile.WriteHeader(file, schemaVersion);
                foreach (var table in tables)
                {
                    await PgSnapshotFile.WriteSectionAsync(file, table with { SequenceValue = await SequenceValueAsync(connection, tx, table, cancellationToken).ConfigureAwait(false) }, async into =>
                    {
                        await using var copy = await connection.BeginRawBinaryCopyAsync(
                            $"COPY {PostgresCatalog.Quote(table.Name)} ({string.Join(", ", table.Columns.Select(PostgresCatalog.Quote))}) TO STDOUT (FORMAT binary)",
                            cancellationToken).ConfigureAwait(false);
                        await copy.CopyToAsync(into, cancellationToken).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                }

                PgSnapshotFile.WriteEnd(file);
                file.Flush(flushToDisk: true);
            }

            var users = await CountAsync(connection, tx, cancellationToken).ConfigureAwait(false);
            var masterKeyIds = await MasterKeyIdsAsync(connection, tx, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new StoreSnapshot(path, work, schemaVersion, masterKeyIds, users);
        }
        catch
        {
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    private static async Task<int> SchemaVersionAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL", connection, tx);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
        {
            throw new BackupException($"no Coffer store in PostgreSQL database {connection.Database}");
        }

        await using var cmd = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, tx);
        return (int)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    // A sequence is outside transactions: read after the snapshot began, it is at least every id the snapshot holds.
    private static async Task<long?> SequenceValueAsync(NpgsqlConnection connection, NpgsqlTransaction tx, PgSnapshotTable table, CancellationToken cancellationToken)
    {
        if (table.IdentityColumn is null)
        {
            return null;
        }

        await using var name = new NpgsqlCommand("SELECT pg_get_serial_sequence($1, $2)", connection, tx);
        name.Parameters.Add(new NpgsqlParameter { Value = PostgresCatalog.Quote(table.Name) });
        name.Parameters.Add(new NpgsqlParameter { Value = table.IdentityColumn });
        if (await name.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string sequence)
        {
            return null;
        }

        await using var read = new NpgsqlCommand($"SELECT last_value, is_called FROM {sequence}", connection, tx);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetBoolean(1) ? reader.GetInt64(0) : null;
    }

    private static async Task<IReadOnlyList<UserItemCount>> CountAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT u.id, u.name,
              (SELECT count(*) FROM items i JOIN datastores d ON d.id = i.datastore_id WHERE d.user_id = u.id AND NOT i.deleted),
              (SELECT count(*) FROM item_versions v JOIN items i ON i.id = v.item_id JOIN datastores d ON d.id = i.datastore_id WHERE d.user_id = u.id)
            FROM users u ORDER BY u.id
            """,
            connection,
            tx);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var users = new List<UserItemCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add(new UserItemCount(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return users;
    }

    private static async Task<List<string>> MasterKeyIdsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT DISTINCT master_key_id FROM data_keys", connection, tx);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
