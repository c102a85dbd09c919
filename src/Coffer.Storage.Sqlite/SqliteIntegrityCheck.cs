using System.Globalization;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// The integrity check of a SQLite store (<see cref="ICofferStore.CheckIntegrityAsync"/>), in one read transaction, so
/// it sees one consistent snapshot while syncs go on: SQLite's own page check, foreign keys, the invariants the
/// repositories keep (docs/storage.md), and every payload read back through the codec.
/// </summary>
internal sealed class SqliteIntegrityCheck(SqliteUnitOfWork uow)
{
    private const int MaxListed = 100;

    // Each query names rows that break one invariant; the first column says which row, the second what is wrong.
    private static readonly (string Where, string Sql)[] Invariants =
    [
        ("items", """
            SELECT i.id, 'version ' || i.version || ' has no row in item_versions' FROM items i
            WHERE NOT EXISTS (SELECT 1 FROM item_versions v WHERE v.item_id = i.id AND v.version = i.version)
            """),
        ("items", """
            SELECT i.id, 'current version ' || i.version || ' differs from its version row (seq, deleted or type)' FROM items i
            JOIN item_versions v ON v.item_id = i.id AND v.version = i.version
            WHERE v.seq <> i.seq OR v.deleted <> i.deleted OR v.content_type <> i.content_type
            """),
        ("items", """
            SELECT i.id, 'sequence ' || i.seq || ' is beyond its user''s counter ' || u.seq FROM items i
            JOIN datastores d ON d.id = i.datastore_id JOIN users u ON u.id = d.user_id WHERE i.seq > u.seq
            """),
        ("items", """
            SELECT 'user ' || d.user_id, 'sequence ' || i.seq || ' used by ' || COUNT(*) || ' items' FROM items i
            JOIN datastores d ON d.id = i.datastore_id GROUP BY d.user_id, i.seq HAVING COUNT(*) > 1
            """),
        ("items", """
            SELECT i.id, 'a live item without content' FROM items i
            JOIN item_versions v ON v.item_id = i.id AND v.version = i.version
            WHERE i.deleted = 0 AND v.payload IS NULL
            """),
        ("item_versions", """
            SELECT v.item_id, 'version ' || v.version || ' is newer than the item''s current version ' || i.version FROM item_versions v
            JOIN items i ON i.id = v.item_id WHERE v.version > i.version
            """),
        ("id_maps", """
            SELECT 'device ' || m.device_id || ' luid ' || m.luid, 'maps to item ' || m.item_id || ', which is not in datastore ' || m.datastore_id
            FROM id_maps m WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = m.item_id AND i.datastore_id = m.datastore_id)
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

    public IntegrityReport Run(CancellationToken ct)
    {
        var problems = new List<IntegrityProblem>();
        foreach (var line in uow.Query(r => r.GetString(0), "PRAGMA integrity_check").Where(l => l != "ok"))
        {
            problems.Add(new IntegrityProblem("database file", line));
        }

        foreach (var (table, rowId, parent) in uow.Query(r => (r.GetString(0), r.IsDBNull(1) ? "?" : r.GetInt64(1).ToString(CultureInfo.InvariantCulture), r.GetString(2)), "PRAGMA foreign_key_check"))
        {
            problems.Add(new IntegrityProblem(table, $"row {rowId} refers to a missing {parent} row"));
        }

        foreach (var (where, sql) in Invariants)
        {
            ct.ThrowIfCancellationRequested();
            problems.AddRange(uow.Query(r => new IntegrityProblem(where + " " + r.GetString(0), r.GetString(1)), sql + " LIMIT " + MaxListed));
        }

        var payloads = DecodeEveryPayload(problems, ct) + DecodeAccountPayloads(problems);
        var users = (long)uow.Scalar("SELECT COUNT(*) FROM users")!;
        var items = (long)uow.Scalar("SELECT COUNT(*) FROM items")!;
        return new IntegrityReport(users, items, payloads, problems);
    }

    /// <summary>Every sealed payload outside the items, secrets included (<see cref="SealedSecretRows"/>).</summary>
    private long DecodeAccountPayloads(List<IntegrityProblem> problems)
    {
        var rows = uow.Query(
            r => new SealedSecretRow(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetInt32(4), (PayloadKind)r.GetInt32(5), r.GetValue(6) as byte[] ?? []),
            SealedSecretRows.Sql);
        foreach (var row in rows)
        {
            SealedSecretRows.Check(uow.Payloads, row, problems);
        }

        return rows.Count;
    }

    private long DecodeEveryPayload(List<IntegrityProblem> problems, CancellationToken ct)
    {
        var codec = uow.Payloads;
        var count = 0L;
        uow.ForEach(
            reader =>
            {
                if (++count % 1000 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                var (userId, itemId, version) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2));
                try
                {
                    var stored = reader.GetValue(3) as byte[] ?? throw new StorageException("the payload column holds no blob");
                    codec.Decode(stored, new PayloadContext(userId, itemId, version));
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
            """);
        return count;
    }
}
