using System.Text;
using ZstdSharp;

namespace Coffer.Formats.AppData;

/// <summary>
/// Writes and reads <see cref="SqliteChangeSet"/>s: a compact binary form (varints, tagged values; the layout is in
/// docs/appdata-change-set.md) compressed with Zstandard (RFC 8878). A malformed or truncated change set, or one that
/// would decompress beyond <see cref="MaxDecodedBytes"/>, is a <see cref="PimFormatException"/>.
/// </summary>
public static class SqliteChangeSetCodec
{
    /// <summary>The content type of an app data item's Replace that carries a change set instead of the file.</summary>
    public const string ContentType = "application/vnd.coffer.sqlite-changes+zstd";

    /// <summary>The largest change set read (decompressed): a change set that large would have been sent as the file.</summary>
    public const long MaxDecodedBytes = 1L << 30;

    private static readonly byte[] Magic = "CSQL"u8.ToArray();
    private const byte Version = 1;

    /// <summary>True when <paramref name="contentType"/> (parameters allowed) is <see cref="ContentType"/>.</summary>
    public static bool IsChangeSet(string? contentType) =>
        contentType != null && contentType.Split(';', 2)[0].Trim().Equals(ContentType, StringComparison.OrdinalIgnoreCase);

    public static byte[] Encode(SqliteChangeSet changes, int level = 3)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var raw = new MemoryStream();
        var w = new ChangeSetWriter(raw);
        w.Bytes(Magic);
        w.Byte(Version);
        w.Varint((ulong)changes.BaseModification);
        w.Varint((ulong)changes.Modification);
        w.Bytes(changes.SchemaDigest);
        w.Signed(changes.UserVersion);
        w.Signed(changes.ApplicationId);
        w.Varint((ulong)changes.Statements.Count);
        foreach (var statement in changes.Statements)
        {
            w.Text(statement);
        }

        w.Varint((ulong)changes.Tables.Count);
        foreach (var table in changes.Tables)
        {
            w.Text(table.Table);
            w.Byte((byte)((table.Whole ? 1 : 0) | (table.WithoutRowid ? 2 : 0)));
            w.Varint((ulong)table.Columns.Count);
            foreach (var column in table.Columns)
            {
                w.Text(column);
            }

            w.Varint((ulong)table.Deleted.Count);
            var previous = 0L;
            foreach (var rowId in table.Deleted)
            {
                w.Signed(rowId - previous);
                previous = rowId;
            }

            w.Varint((ulong)table.Rows.Count);
            previous = 0;
            foreach (var row in table.Rows)
            {
                if (row.Values.Count != table.Columns.Count)
                {
                    throw new ArgumentException($"a row of {table.Table} has {row.Values.Count} values for {table.Columns.Count} columns", nameof(changes));
                }

                if (!table.WithoutRowid)
                {
                    w.Signed(row.RowId - previous);
                    previous = row.RowId;
                }

                foreach (var value in row.Values)
                {
                    w.Value(value);
                }
            }
        }

        var names = changes.Tracking.Select(t => t.Table).Distinct(StringComparer.Ordinal).ToList();
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        w.Varint((ulong)names.Count);
        foreach (var name in names)
        {
            w.Text(name);
        }

        w.Varint((ulong)changes.Tracking.Count);
        foreach (var row in changes.Tracking)
        {
            w.Varint((ulong)index[row.Table]);
            w.Signed(row.RowId);
            w.Varint((ulong)row.Modification);
            w.Byte(row.Deleted ? (byte)1 : (byte)0);
        }

        using var compressor = new Compressor(level);
        return compressor.Wrap(raw.GetBuffer().AsSpan(0, (int)raw.Length)).ToArray();
    }

    public static SqliteChangeSet Decode(Stream compressed)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        byte[] raw;
        try
        {
            using var decompressed = new DecompressionStream(compressed, leaveOpen: true);
            using var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int n;
            while ((n = decompressed.Read(chunk)) > 0)
            {
                if (buffer.Length + n > MaxDecodedBytes)
                {
                    throw new PimFormatException($"change set larger than {MaxDecodedBytes} bytes decompressed");
                }

                buffer.Write(chunk, 0, n);
            }

            raw = buffer.ToArray();
        }
        catch (Exception ex) when (ex is ZstdException or EndOfStreamException)
        {
            throw new PimFormatException("change set is not a complete zstd frame: " + ex.Message);
        }

        return Parse(raw);
    }

    public static SqliteChangeSet Decode(byte[] compressed)
    {
        using var input = new MemoryStream(compressed, writable: false);
        return Decode(input);
    }

    private static SqliteChangeSet Parse(byte[] raw)
    {
        var r = new ChangeSetReader(raw);
        if (!r.Bytes(Magic.Length).SequenceEqual(Magic) || r.Byte() != Version)
        {
            throw new PimFormatException("not a Coffer SQLite change set (magic or version)");
        }

        var baseModification = r.Long();
        var modification = r.Long();
        var digest = r.Bytes(32);
        var userVersion = r.Signed();
        var applicationId = r.Signed();
        var statements = new List<string>();
        for (var i = r.Count(); i > 0; i--)
        {
            statements.Add(r.Text());
        }

        var tables = new List<SqliteTableChanges>();
        for (var t = r.Count(); t > 0; t--)
        {
            var name = r.Text();
            var flags = r.Byte();
            var columns = new List<string>();
            for (var i = r.Count(); i > 0; i--)
            {
                columns.Add(r.Text());
            }

            var deleted = new List<long>();
            var previous = 0L;
            for (var i = r.Count(); i > 0; i--)
            {
                previous += r.Signed();
                deleted.Add(previous);
            }

            var withoutRowid = (flags & 2) != 0;
            var rows = new List<SqliteRow>();
            previous = 0;
            for (var i = r.Count(); i > 0; i--)
            {
                if (!withoutRowid)
                {
                    previous += r.Signed();
                }

                var values = new object?[columns.Count];
                for (var c = 0; c < values.Length; c++)
                {
                    values[c] = r.Value();
                }

                rows.Add(new SqliteRow(withoutRowid ? 0 : previous, values));
            }

            tables.Add(new SqliteTableChanges(name, columns, (flags & 1) != 0, withoutRowid, deleted, rows));
        }

        var names = new List<string>();
        for (var i = r.Count(); i > 0; i--)
        {
            names.Add(r.Text());
        }

        var tracking = new List<SqliteTrackedRow>();
        for (var i = r.Count(); i > 0; i--)
        {
            var at = r.Count();
            if (at >= names.Count)
            {
                throw new PimFormatException($"change set names register table {at} of {names.Count}");
            }

            tracking.Add(new SqliteTrackedRow(names[at], r.Signed(), r.Long(), r.Byte() != 0));
        }

        r.End();
        return new SqliteChangeSet
        {
            BaseModification = baseModification,
            Modification = modification,
            SchemaDigest = digest,
            UserVersion = userVersion,
            ApplicationId = applicationId,
            Statements = statements,
            Tables = tables,
            Tracking = tracking,
        };
    }
}
