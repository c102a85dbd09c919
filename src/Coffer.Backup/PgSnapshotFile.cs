using System.Buffers.Binary;
using System.Text.Json;

namespace Coffer.Backup;

/// <summary>
/// The file a PostgreSQL snapshot is kept in (docs/backup.md): every Coffer table as the output of
/// <c>COPY … TO STDOUT (FORMAT binary)</c>, framed so each can be fed back to <c>COPY … FROM STDIN</c> or read alone.
/// Layout, big-endian: "CFPGSNAP" | format (4) | schema version (4) | sections | 0 (4). A section: header length (4) |
/// header (JSON of <see cref="PgSnapshotTable"/>) | data length (8) | COPY data. Tables come parents first (foreign keys),
/// so a restore loads them in file order and a reader meets users before datastores, items and versions.
/// </summary>
public static class PgSnapshotFile
{
    public const int Format = 1;

    private static readonly byte[] Magic = "CFPGSNAP"u8.ToArray();

    /// <summary>Writes the file header.</summary>
    public static void WriteHeader(Stream stream, int schemaVersion)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[16];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], Format);
        BinaryPrimitives.WriteInt32BigEndian(header[12..], schemaVersion);
        stream.Write(header);
    }

    /// <summary>Writes one table: its header, then the COPY data <paramref name="copy"/> writes (its length filled in after).</summary>
    public static async Task WriteSectionAsync(FileStream stream, PgSnapshotTable table, Func<Stream, Task> copy)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(copy);
        var json = JsonSerializer.SerializeToUtf8Bytes(table, BackupJsonContext.Default.PgSnapshotTable);
        var length = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(length, json.Length);
        await stream.WriteAsync(length.AsMemory(0, 4)).ConfigureAwait(false);
        await stream.WriteAsync(json).ConfigureAwait(false);
        var lengthAt = stream.Position;
        await stream.WriteAsync(length).ConfigureAwait(false);
        var start = stream.Position;
        await copy(stream).ConfigureAwait(false);
        var end = stream.Position;
        BinaryPrimitives.WriteInt64BigEndian(length, end - start);
        stream.Position = lengthAt;
        await stream.WriteAsync(length).ConfigureAwait(false);
        stream.Position = end;
    }

    /// <summary>Writes the end mark.</summary>
    public static void WriteEnd(Stream stream) => stream.Write(new byte[4]);

    /// <summary>Reads the file header; returns the schema version.</summary>
    public static int ReadHeader(Stream stream)
    {
        Span<byte> header = stackalloc byte[16];
        stream.ReadExactly(header);
        if (!header[..8].SequenceEqual(Magic))
        {
            throw new BackupException("not a Coffer PostgreSQL snapshot");
        }

        var format = BinaryPrimitives.ReadInt32BigEndian(header[8..]);
        return format == Format ? BinaryPrimitives.ReadInt32BigEndian(header[12..]) : throw new BackupException($"PostgreSQL snapshot format {format} is not known to this build");
    }

    /// <summary>The next table and the length of its COPY data (which follows); null at the end mark.</summary>
    public static (PgSnapshotTable Table, long Length)? ReadSection(Stream stream)
    {
        Span<byte> number = stackalloc byte[8];
        stream.ReadExactly(number[..4]);
        var jsonLength = BinaryPrimitives.ReadInt32BigEndian(number);
        if (jsonLength == 0)
        {
            return null;
        }

        if (jsonLength is < 0 or > 1024 * 1024)
        {
            throw new BackupException($"PostgreSQL snapshot: a table header of {jsonLength} bytes");
        }

        var json = new byte[jsonLength];
        stream.ReadExactly(json);
        var table = JsonSerializer.Deserialize(json, BackupJsonContext.Default.PgSnapshotTable) ?? throw new BackupException("PostgreSQL snapshot: an empty table header");
        stream.ReadExactly(number);
        var length = BinaryPrimitives.ReadInt64BigEndian(number);
        return length >= 0 ? (table, length) : throw new BackupException($"PostgreSQL snapshot: table {table.Name} of {length} bytes");
    }
}
