using System.Buffers.Binary;

namespace Coffer.Backup;

/// <summary>
/// Reads rows of PostgreSQL's binary COPY format (PostgreSQL documentation, COPY, "Binary Format"): the signature
/// "PGCOPY\n\377\r\n\0", flags and a header extension, then per row a field count (2) and per field a length (4; -1 for
/// NULL) and the bytes, then -1 (2) as the trailer. Only the wanted columns are kept; the others are skipped.
/// </summary>
internal sealed class PgCopyReader
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0a, 0xff, 0x0d, 0x0a, 0x00];

    private readonly Stream stream;
    private readonly string table;
    private readonly long length;
    private readonly byte[] number = new byte[4];
    private long consumed;
    private bool ended;

    /// <param name="stream">Positioned at the start of the COPY data, which is <paramref name="length"/> bytes.</param>
    public PgCopyReader(Stream stream, string table, long length)
    {
        this.stream = stream;
        this.table = table;
        this.length = length;
        var signature = new byte[Signature.Length];
        Read(signature);
        if (!signature.AsSpan().SequenceEqual(Signature))
        {
            throw Damaged("no COPY signature");
        }

        Read(number);
        var extension = ReadInt32();
        if (extension < 0 || extension > length)
        {
            throw Damaged("a bad COPY header");
        }

        Skip(extension);
    }

    /// <summary>
    /// The next row's columns at <paramref name="wanted"/> into <paramref name="fields"/> (null for NULL); false after the
    /// trailer, which must end the data exactly.
    /// </summary>
    public bool Next(IReadOnlyList<int> wanted, byte[]?[] fields)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(fields);
        if (ended)
        {
            return false;
        }

        Read(number.AsSpan(0, 2));
        var count = BinaryPrimitives.ReadInt16BigEndian(number);
        if (count == -1)
        {
            ended = true;
            return consumed == length ? false : throw Damaged($"{length - consumed} bytes after the COPY trailer");
        }

        Array.Clear(fields);
        for (var column = 0; column < count; column++)
        {
            var size = ReadInt32();
            if (size < -1 || consumed + size > length)
            {
                throw Damaged($"a field of {size} bytes");
            }

            var slot = IndexOf(wanted, column);
            if (size == -1)
            {
                continue;
            }

            if (slot < 0)
            {
                Skip(size);
            }
            else
            {
                fields[slot] = new byte[size];
                Read(fields[slot]);
            }
        }

        return true;
    }

    /// <summary>Reads to the trailer, counting the rows.</summary>
    public long SkipRows()
    {
        var rows = 0L;
        while (Next([], []))
        {
            rows++;
        }

        return rows;
    }

    private static int IndexOf(IReadOnlyList<int> wanted, int column)
    {
        for (var i = 0; i < wanted.Count; i++)
        {
            if (wanted[i] == column)
            {
                return i;
            }
        }

        return -1;
    }

    private int ReadInt32()
    {
        Read(number);
        return BinaryPrimitives.ReadInt32BigEndian(number);
    }

    private void Read(Span<byte> buffer)
    {
        if (consumed + buffer.Length > length)
        {
            throw Damaged("the COPY data ends early");
        }

        stream.ReadExactly(buffer);
        consumed += buffer.Length;
    }

    private void Skip(int count)
    {
        if (consumed + count > length)
        {
            throw Damaged("the COPY data ends early");
        }

        if (stream.CanSeek)
        {
            stream.Seek(count, SeekOrigin.Current);
        }
        else
        {
            var skip = new byte[Math.Min(count, 81920)];
            for (var left = count; left > 0; left -= skip.Length)
            {
                stream.ReadExactly(skip.AsSpan(0, Math.Min(left, skip.Length)));
            }
        }

        consumed += count;
    }

    private BackupException Damaged(string what) => new($"PostgreSQL snapshot, table {table}: {what}");
}
