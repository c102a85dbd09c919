using System.Globalization;

namespace Coffer.Storage.Postgres;

/// <summary>
/// The integrity check of a PostgreSQL store (<see cref="ICofferStore.CheckIntegrityAsync"/>), in one read transaction
/// (one snapshot while syncs go on): the invariants the repositories keep (docs/storage.md), the same as SQLite's, and
/// every payload read back through the payload pipeline. PostgreSQL enforces the foreign keys itself and has no page
/// check to ask for, so SQLite's two PRAGMAs have no counterpart here.
/// </summary>
internal sealed class PostgresIntegrityCheck(PostgresUnitOfWork uow)
{
    private const int MaxListed = 100;

    // Each query names rows that break one invariant; the first column says which row, the second what is wrong.
    private static readonly (string Where, string Sql)[] Invariants =
    [
        ("items", """
            SELECT i.id::text, 'version ' || i.version || ' has no row in item_versions' FROM items i
            WHERE NOT EXISTS (SELECT 1 FROM item_versions v WHERE v.item_id = i.id AND v.version = i.version)
            """),
        ("items", """
            SELECT i.id::text, 'current version ' || i.version || ' differs from its version row (seq, deleted or type)' FROM items i
            JOIN item_versions v ON v.item_id = i.id AND v.version = i.version
            WHERE v.seq <> i.seq OR v.deleted <> i.deleted OR v.content_type <> i.content_type
            """),
        ("items", """
            SELECT i.id::text, 'sequence ' || i.seq || ' is beyond its user''s counter ' || u.seq FROM items i
            JOIN datastores d ON d.id = i.datastore_id JOIN users u ON u.id = d.user_id WHERE i.seq > u.seq
            """),
        ("items", """
            SELECT 'user ' || d.user_id, 'sequence ' || i.seq || ' used by ' || COUNT(*) || ' items' FROM items i
            JOIN datastores d ON d.id = i.datastore_id GROUP BY d.user_id, i.seq HAVING COUNT(*) > 1
            """),
        ("items", """
            SELECT i.id::text, 'a live item without content' FROM items i
            JOIN item_versions v ON v.item_id = i.id AND v.version = i.version
            WHERE NOT i.deleted AND v.payload IS NULL
            """),
        ("item_versions", """
            SELECT v.item_id::text, 'version ' || v.version || ' is newer than the item''s current version ' || i.version FROM item_versions v
            JOIN items i ON i.id = v.item_id WHERE v.version > i.version
            """),
        ("id_maps", """
            SELECT 'device ' || m.device_id || ' luid ' || m.luid, 'maps to item ' || m.item_id || ', which is not in datastore ' || m.datastore_id
            FROM id_maps m WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id::text = m.item_id AND i.datastore_id = m.datastore_id)
            """),
        ("id_maps", """
            SELECT 'device ' || m.device_id || ' luid ' || m.luid, 'device and datastore ' || m.datastore_id || ' belong to different users'
            FROM id_maps m JOIN devices dv ON dv.id = m.device_id JOIN datastores d ON d.id = m.datastore_id WHERE dv.user_id <> d.user_id
            """),
        ("sync_states", """
            SELECT 'device ' || s.device_id || ' datastore ' || s.datastore_id, 'the datastore does not exist or is another user''s'
            FROM sync_states s JOIN devices dv ON dv.id = s.device_id
            WHERE NOT EXISTS (SELECT 1 FROM datastores d WHERE d.id = s.datastore_id AND d.user_id = dv.user_id)
            """),
        ("sync_states", """
            SELECT 'device ' || s.device_id || ' datastore ' || s.datastore_id, 'acknowledged sequence ' || s.acked_seq || ' is beyond the user''s counter ' || u.seq
            FROM sync_states s JOIN devices dv ON dv.id = s.device_id JOIN users u ON u.id = dv.user_id WHERE s.acked_seq > u.seq
            """),
    ];

    public async Task<IntegrityReport> RunAsync(CancellationToken ct)
    {
        var problems = new List<IntegrityProblem>();
        foreach (var (where, sql) in Invariants)
        {
            problems.AddRange(await uow.QueryAsync(r => new IntegrityProblem(where + " " + r.GetString(0), r.GetString(1)), sql + " LIMIT " + MaxListed, ct).ConfigureAwait(false));
        }

        var payloads = await DecodeEveryPayloadAsync(problems, ct).ConfigureAwait(false) + await DecodeAccountPayloadsAsync(problems, ct).ConfigureAwait(false);
        var users = (long)(await uow.ScalarAsync("SELECT COUNT(*) FROM users", ct).ConfigureAwait(false))!;
        var items = (long)(await uow.ScalarAsync("SELECT COUNT(*) FROM items", ct).ConfigureAwait(false))!;
        return new IntegrityReport(users, items, payloads, problems);
    }

    /// <summary>Every sealed payload outside the items, secrets included (<see cref="SealedSecretRows"/>).</summary>
    private async Task<long> DecodeAccountPayloadsAsync(List<IntegrityProblem> problems, CancellationToken ct)
    {
        var rows = await uow.QueryAsync(
            r => new SealedSecretRow(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetInt32(4), (PayloadKind)r.GetInt32(5), r.Bytes(6)),
            SealedSecretRows.Sql,
            ct).ConfigureAwait(false);
        foreach (var row in rows)
        {
            SealedSecretRows.Check(uow.Payloads, row, problems);
        }

        return rows.Count;
    }

    private async Task<long> DecodeEveryPayloadAsync(List<IntegrityProblem> problems, CancellationToken ct)
    {
        var codec = uow.Payloads;
        var count = 0L;
        await uow.ForEachAsync(
            reader =>
            {
                if (++count % 1000 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                var (userId, itemId, version) = (reader.GetInt64(0), reader.ItemId(1), reader.GetInt64(2));
                try
                {
                    codec.Decode(reader.Bytes(3), new PayloadContext(userId, itemId, version));
                }
                catch (StorageException e) when (problems.Count < MaxListed * Invariants.Length)
                {
                    problems.Add(new IntegrityProblem($"item {itemId} version {version}", e.Message));
                }
                catch (StorageException)
                {
                    // Enough listed: the report is long already.
                }
            },
            """
            SELECT d.user_id, v.item_id, v.version, v.payload FROM item_versions v
            JOIN items i ON i.id = v.item_id JOIN datastores d ON d.id = i.datastore_id
            WHERE v.payload IS NOT NULL
            """,
            ct).ConfigureAwait(false);
        return count;
    }
}
