namespace Coffer.Storage.Sqlite;

/// <summary>
/// Encrypts what a store written before encryption at rest kept in clear: item payloads, md5 credentials, DevInf
/// (sessions were dropped by migration 4). Runs at start-up while migration 4's row in pending_passes is there, in
/// batches of <see cref="BatchSize"/> rows, each its own transaction, so a large store does not hold the write lock
/// for long and a crash loses at most one batch's work; rows already encrypted are skipped, so a rerun is harmless.
/// </summary>
internal static class SqliteEncryptionPass
{
    public const string Name = "encrypt-clear-payloads";

    public const int BatchSize = 256;

    public static async Task RunAsync(SqliteCofferStore store, CancellationToken cancellationToken)
    {
        await using (var check = (SqliteUnitOfWork)await store.BeginReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (check.Scalar("SELECT COUNT(*) FROM pending_passes WHERE name = $n", ("$n", Name)) is not > 0L)
            {
                return;
            }
        }

        await BatchesAsync(store, ItemBatch, cancellationToken).ConfigureAwait(false);
        await BatchesAsync(store, DeviceBatch, cancellationToken).ConfigureAwait(false);
        await BatchesAsync(store, CredentialBatch, cancellationToken).ConfigureAwait(false);
        await using var done = (SqliteUnitOfWork)await store.BeginAsync(cancellationToken).ConfigureAwait(false);
        done.Execute("DELETE FROM pending_passes WHERE name = $n", ("$n", Name));
        await done.CommitAsync(cancellationToken).ConfigureAwait(false);

        // The WAL still holds page images from before each batch: copy it into the database and cut it to zero.
        store.CheckpointAndTruncate();
    }

    /// <summary>Runs <paramref name="batch"/> (given the last row id it saw, returns the next, or null when done) until done.</summary>
    private static async Task BatchesAsync(SqliteCofferStore store, Func<SqliteUnitOfWork, long, long?> batch, CancellationToken cancellationToken)
    {
        long? last = 0;
        while (last is { } after)
        {
            await using var uow = (SqliteUnitOfWork)await store.BeginAsync(cancellationToken).ConfigureAwait(false);
            // ON, not the store's FAST: a clear payload moved out of its cell, or off its overflow pages, is zeroed.
            uow.Execute("PRAGMA secure_delete = ON");
            last = batch(uow, after);
            uow.Execute("PRAGMA secure_delete = FAST");
            await uow.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static long? ItemBatch(SqliteUnitOfWork uow, long after)
    {
        var rows = uow.Query(
            r => (RowId: r.GetInt64(0), Id: r.GetString(1), Version: r.GetInt64(2), User: r.GetInt64(3), Payload: r.Blob(4)),
            "SELECT v.rowid, v.item_id, v.version, d.user_id, v.payload FROM item_versions v JOIN items i ON i.id = v.item_id JOIN datastores d ON d.id = i.datastore_id " +
            "WHERE v.rowid > $after AND v.payload IS NOT NULL ORDER BY v.rowid LIMIT $n",
            ("$after", after),
            ("$n", BatchSize));
        foreach (var row in rows.Where(r => !PayloadProtector.IsEncrypted(r.Payload)))
        {
            var sealedBlob = uow.Payloads.Seal(row.Payload, new PayloadContext(row.User, row.Id, row.Version));
            uow.Execute("UPDATE item_versions SET payload = $p WHERE rowid = $r", ("$p", sealedBlob), ("$r", row.RowId));
        }

        return rows.Count < BatchSize ? null : rows[^1].RowId;
    }

    private static long? DeviceBatch(SqliteUnitOfWork uow, long after)
    {
        var rows = uow.Query(
            r => (Id: r.GetInt64(0), User: r.GetInt64(1), DevInf: r.Blob(2)),
            "SELECT id, user_id, devinf FROM devices WHERE id > $after AND devinf IS NOT NULL ORDER BY id LIMIT $n",
            ("$after", after),
            ("$n", BatchSize));
        foreach (var row in rows.Where(r => !PayloadProtector.HasHeader(r.DevInf)))
        {
            uow.Execute("UPDATE devices SET devinf = $v WHERE id = $id", ("$v", uow.Payloads.Encode(row.DevInf, SqliteDeviceRepository.Context(row.User, row.Id))), ("$id", row.Id));
        }

        return rows.Count < BatchSize ? null : rows[^1].Id;
    }

    private static long? CredentialBatch(SqliteUnitOfWork uow, long after)
    {
        var rows = uow.Query(
            r => (Id: r.GetInt64(0), Credential: r.GetString(1)),
            "SELECT id, md5_credential FROM users WHERE id > $after AND typeof(md5_credential) = 'text' ORDER BY id LIMIT $n",
            ("$after", after),
            ("$n", BatchSize));
        foreach (var row in rows)
        {
            uow.Execute("UPDATE users SET md5_credential = $v WHERE id = $id", ("$v", SqliteUserRepository.SealCredential(uow, row.Id, row.Credential)), ("$id", row.Id));
        }

        return rows.Count < BatchSize ? null : rows[^1].Id;
    }
}
