namespace Coffer.Agent.AppData;

/// <summary>
/// The schema statements that turn the schema of the last backup into the current one (seed 001: "the schema changes
/// are extracted and serialized"): drops first, then ALTER TABLE ADD COLUMN for a table that only grew columns, then
/// the new objects in the order they stand in <c>sqlite_schema</c> (so the copy lists them in the same order). A table
/// whose definition changed otherwise is dropped and created again (<see cref="Rebuilt"/>, its rows re-sent whole,
/// its indexes and triggers created again). Null from <see cref="Between"/>: a change the statements cannot carry
/// (virtual tables, SQLite's statistics tables): the file is sent whole.
/// </summary>
public sealed class SchemaChanges
{
    public List<string> Statements { get; } = [];

    /// <summary>Tables new since the last backup (their rows are sent whole).</summary>
    public HashSet<string> Created { get; } = new(StringComparer.Ordinal);

    /// <summary>Tables dropped and created again (their rows are sent whole).</summary>
    public HashSet<string> Rebuilt { get; } = new(StringComparer.Ordinal);

    public static SchemaChanges? Between(IReadOnlyList<SchemaEntry> before, IReadOnlyList<SchemaEntry> now)
    {
        static string Key(SchemaEntry e) => e.Type + "\0" + e.Name;
        var old = before.ToDictionary(Key, StringComparer.Ordinal);
        var current = now.ToDictionary(Key, StringComparer.Ordinal);
        var changes = new SchemaChanges();
        var dropped = new List<SchemaEntry>();
        var alters = new List<string>();
        var creates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in before.Where(e => !current.ContainsKey(Key(e))))
        {
            dropped.Add(e);
        }

        foreach (var e in now)
        {
            if (!old.TryGetValue(Key(e), out var was))
            {
                creates.Add(Key(e));
                if (e.IsTable)
                {
                    changes.Created.Add(e.Name);
                }
            }
            else if (!string.Equals(was.Sql, e.Sql, StringComparison.Ordinal))
            {
                if (e.IsTable && AddedColumn(was.Sql, e.Sql) is { } column)
                {
                    // SQLite writes ", " + the column's text into the table's SQL (alter.c): the same statement on the
                    // copy gives the same SQL; the schema digest checks it.
                    alters.Add($"ALTER TABLE {SqliteFiles.Quote(e.Name)} ADD COLUMN {column}");
                }
                else
                {
                    dropped.Add(was);
                    creates.Add(Key(e));
                    if (e.IsTable)
                    {
                        changes.Rebuilt.Add(e.Name);
                    }
                }
            }
        }

        // Dropping a table drops its indexes and triggers: those of a rebuilt table come back after it.
        foreach (var table in changes.Rebuilt)
        {
            foreach (var e in now.Where(e => e.Table == table && !e.IsTable))
            {
                creates.Add(Key(e));
            }
        }

        var touched = dropped.Concat(now.Where(e => creates.Contains(Key(e)))).ToList();
        if (touched.Any(e => e.IsVirtual || (e.IsInternal && e.Sql != null && e.Type == "table" && e.Name != "sqlite_sequence")))
        {
            return null;
        }

        var droppedTables = dropped.Where(e => e.IsTable).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var e in dropped.Where(e => !e.IsTable && e.Sql != null && !droppedTables.Contains(e.Table)))
        {
            changes.Statements.Add($"DROP {e.Type.ToUpperInvariant()} IF EXISTS {SqliteFiles.Quote(e.Name)}");
        }

        foreach (var e in dropped.Where(e => e.IsTable && !e.IsInternal))
        {
            changes.Statements.Add($"DROP TABLE IF EXISTS {SqliteFiles.Quote(e.Name)}");
        }

        changes.Statements.AddRange(alters);
        foreach (var e in now.Where(e => creates.Contains(Key(e)) && e.Sql != null))
        {
            if (e.Name == "sqlite_sequence")
            {
                // Made by SQLite with the first AUTOINCREMENT table; CREATE TABLE cannot make it.
                continue;
            }

            changes.Statements.Add(e.Sql!);
        }

        return changes;
    }

    /// <summary>The column text when <paramref name="now"/> is <paramref name="before"/> with ", COLUMN" inserted, else null.</summary>
    public static string? AddedColumn(string? before, string? now)
    {
        if (before == null || now == null || now.Length <= before.Length + 2)
        {
            return null;
        }

        var extra = now.Length - before.Length;
        var common = 0;
        while (common < before.Length && before[common] == now[common])
        {
            common++;
        }

        for (var at = common; at >= 0; at--)
        {
            if (now.AsSpan(at, 2).SequenceEqual(", ") && now.AsSpan(at + extra).SequenceEqual(before.AsSpan(at)))
            {
                return now.Substring(at + 2, extra - 2);
            }
        }

        return null;
    }
}
