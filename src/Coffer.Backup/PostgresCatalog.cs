using Npgsql;

namespace Coffer.Backup;

/// <summary>
/// The tables of the store's schema (the connection's current_schema) as PostgreSQL's catalog describes them: columns,
/// identity columns, and an order in which every table comes after the tables its foreign keys refer to.
/// </summary>
internal static class PostgresCatalog
{
    /// <summary>
    /// Every table but schema_version (a restore writes that by building the schema), parents first, else by name.
    /// Generated columns are left out: COPY cannot write them and PostgreSQL computes them again.
    /// </summary>
    public static async Task<IReadOnlyList<PgSnapshotTable>> TablesAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken cancellationToken)
    {
        var columns = new SortedDictionary<string, (List<string> Columns, string? Identity)>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT c.relname, a.attname, a.attidentity <> ''
            FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname <> 'schema_version'
              AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
            ORDER BY c.relname, a.attnum
            """,
            connection,
            tx))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = reader.GetString(0);
                if (!columns.TryGetValue(table, out var entry))
                {
                    entry = ([], null);
                }

                entry.Columns.Add(reader.GetString(1));
                columns[table] = reader.GetBoolean(2) ? (entry.Columns, reader.GetString(1)) : entry;
            }
        }

        var parents = columns.Keys.ToDictionary(t => t, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT c.relname, p.relname
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
            WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace
            """,
            connection,
            tx))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var (child, parent) = (reader.GetString(0), reader.GetString(1));
                if (child != parent && parents.TryGetValue(child, out var set) && columns.ContainsKey(parent))
                {
                    set.Add(parent);
                }
            }
        }

        // Kahn's algorithm, the smallest name first among the ready ones: the same schema gives the same order.
        var ordered = new List<PgSnapshotTable>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < columns.Count)
        {
            var next = columns.Keys.FirstOrDefault(t => !done.Contains(t) && parents[t].All(done.Contains))
                ?? throw new BackupException("the foreign keys of the store's tables form a cycle: " + string.Join(", ", columns.Keys.Where(t => !done.Contains(t))));
            done.Add(next);
            ordered.Add(new PgSnapshotTable(next, columns[next].Columns, columns[next].Identity, null));
        }

        return ordered;
    }

    /// <summary>An identifier quoted for SQL ("" doubled).</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
