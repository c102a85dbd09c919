using System.Security.Cryptography;
using ZstdSharp;

namespace Coffer.Formats.AppData;

/// <summary>
/// Reads a file delta (<see cref="FileDeltaCodec"/>) and builds the new file from a copy of its base, streaming: the
/// delta is read once, never held whole, and neither is the base or the result. Anything short, a copy outside the
/// base, a literal longer than the bytes left, an unknown operation, more than <see cref="FileDeltaCodec.MaxDecodedBytes"/>
/// decompressed, bytes after the end, or a result whose length or SHA-256 is not the one the delta names is a
/// <see cref="PimFormatException"/>.
/// </summary>
public sealed class FileDeltaReader : IDisposable
{
    private readonly DecompressionStream zstd;
    private readonly BufferedStream input;
    private long consumed;

    private FileDeltaReader(Stream compressed)
    {
        zstd = new DecompressionStream(compressed, leaveOpen: true);
        input = new BufferedStream(zstd, 1 << 16);
    }

    /// <summary>The length of the version the delta applies to.</summary>
    public long BaseLength { get; private set; }

    /// <summary>The SHA-256 of that version.</summary>
    public byte[] BaseSha256 { get; private set; } = [];

    /// <summary>Opens a delta and reads its header (<see cref="BaseLength"/>, <see cref="BaseSha256"/>).</summary>
    public static FileDeltaReader Open(Stream compressed)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        var reader = new FileDeltaReader(compressed);
        try
        {
            var magic = reader.Bytes(FileDeltaCodec.Magic.Length);
            if (!magic.AsSpan().SequenceEqual(FileDeltaCodec.Magic) || reader.Byte() != FileDeltaCodec.Version)
            {
                throw new PimFormatException("not a Coffer file delta (magic or version)");
            }

            reader.BaseLength = reader.Length();
            reader.BaseSha256 = reader.Bytes(32);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the result to <paramref name="output"/>, reading the base's ranges from <paramref name="baseCopy"/> (seekable,
    /// <see cref="BaseLength"/> bytes), and checks it against the length and SHA-256 the delta ends with; returns its length.
    /// </summary>
    public long ApplyTo(Stream baseCopy, Stream output)
    {
        ArgumentNullException.ThrowIfNull(baseCopy);
        ArgumentNullException.ThrowIfNull(output);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        var written = 0L;
        while (true)
        {
            var op = Byte();
            if (op == FileDeltaCodec.End)
            {
                break;
            }

            if (op == FileDeltaCodec.Copy)
            {
                var offset = Length();
                var length = Length();
                if (length == 0 || offset > BaseLength || length > BaseLength - offset)
                {
                    throw new PimFormatException($"file delta: copy of {length} bytes at {offset} outside the base of {BaseLength} bytes");
                }

                baseCopy.Seek(offset, SeekOrigin.Begin);
                Pipe(length, buffer, hash, output, n => baseCopy.ReadAtLeast(buffer.AsSpan(0, n), n, throwOnEndOfStream: false));
                written += length;
            }
            else if (op == FileDeltaCodec.Literal)
            {
                var length = Length();
                if (length == 0 || length > FileDeltaCodec.MaxDecodedBytes - consumed)
                {
                    throw new PimFormatException($"file delta: literal of {length} bytes beyond its end");
                }

                Pipe(length, buffer, hash, output, n => Read(buffer.AsSpan(0, n)));
                written += length;
            }
            else
            {
                throw new PimFormatException($"file delta: unknown operation {op} at byte {consumed - 1}");
            }
        }

        var resultLength = Length();
        var resultSha = Bytes(32);
        if (ReadByteOrEnd() >= 0)
        {
            throw new PimFormatException("file delta: bytes after its end");
        }

        if (written != resultLength || !hash.GetHashAndReset().AsSpan().SequenceEqual(resultSha))
        {
            throw new PimFormatException($"file delta: the result ({written} bytes) is not the file it names ({resultLength} bytes and its SHA-256)");
        }

        return written;
    }

    public void Dispose()
    {
        input.Dispose();
        zstd.Dispose();
    }

    private static void Pipe(long length, byte[] buffer, IncrementalHash hash, Stream output, Func<int, int> fill)
    {
        while (length > 0)
        {
            var want = (int)Math.Min(buffer.Length, length);
            var got = fill(want);
            if (got != want)
            {
                throw new PimFormatException("file delta: truncated (a range ends early)");
            }

            hash.AppendData(buffer, 0, got);
            output.Write(buffer, 0, got);
            length -= got;
        }
    }

    private byte Byte()
    {
        var b = ReadByteOrEnd();
        return b < 0 ? throw new PimFormatException($"file delta truncated at byte {consumed}") : (byte)b;
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        if (Read(bytes) != count)
        {
            throw new PimFormatException($"file delta truncated at byte {consumed}");
        }

        return bytes;
    }

    /// <summary>An unsigned LEB128 varint that must fit a non-negative long.</summary>
    private long Length()
    {
        ulong value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value <= long.MaxValue ? (long)value : throw new PimFormatException("file delta: length out of range");
            }
        }

        throw new PimFormatException($"file delta: varint too long at byte {consumed}");
    }

    private int ReadByteOrEnd()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    /// <summary>Reads up to <paramref name="into"/>'s length (less only at the end), counting against the limit.</summary>
    private int Read(Span<byte> into)
    {
        int got;
        try
        {
            got = input.ReadAtLeast(into, into.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is ZstdException or EndOfStreamException)
        {
            throw new PimFormatException("file delta is not a complete zstd frame: " + ex.Message, ex);
        }

        consumed += got;
        if (consumed > FileDeltaCodec.MaxDecodedBytes)
        {
            throw new PimFormatException($"file delta larger than {FileDeltaCodec.MaxDecodedBytes} bytes decompressed");
        }

        return got;
    }
}
