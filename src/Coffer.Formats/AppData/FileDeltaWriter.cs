using ZstdSharp;

namespace Coffer.Formats.AppData;

/// <summary>
/// Writes a file delta (<see cref="FileDeltaCodec"/>) as the new file is read: the base it applies to first, then the
/// operations in the order of the new file (adjacent copies merged into one), then the result's length and SHA-256,
/// known only at the end of the pass.
/// </summary>
public sealed class FileDeltaWriter : IDisposable
{
    private readonly CompressionStream zstd;
    private readonly ChangeSetWriter w;
    private long copyOffset;
    private long copyLength;
    private bool finished;

    /// <param name="output">Receives the compressed delta; left open.</param>
    /// <param name="baseLength">The length of the version the delta applies to.</param>
    /// <param name="baseSha256">The SHA-256 of that version.</param>
    public FileDeltaWriter(Stream output, long baseLength, ReadOnlySpan<byte> baseSha256, int level = 3)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(baseLength);
        if (baseSha256.Length != 32)
        {
            throw new ArgumentException("a SHA-256 is 32 bytes", nameof(baseSha256));
        }

        zstd = new CompressionStream(output, level, leaveOpen: true);
        w = new ChangeSetWriter(zstd);
        w.Bytes(FileDeltaCodec.Magic);
        w.Byte(FileDeltaCodec.Version);
        w.Varint((ulong)baseLength);
        w.Bytes(baseSha256);
    }

    /// <summary>The new bytes written so far (literal operations, uncompressed).</summary>
    public long LiteralBytes { get; private set; }

    /// <summary>The next <paramref name="length"/> bytes of the result are the base's from <paramref name="offset"/>.</summary>
    public void Copy(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (copyLength > 0 && copyOffset + copyLength == offset)
        {
            copyLength += length;
            return;
        }

        FlushCopy();
        (copyOffset, copyLength) = (offset, length);
    }

    /// <summary>The next bytes of the result are <paramref name="bytes"/>.</summary>
    public void Literal(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        FlushCopy();
        w.Byte(FileDeltaCodec.Literal);
        w.Varint((ulong)bytes.Length);
        w.Bytes(bytes);
        LiteralBytes += bytes.Length;
    }

    /// <summary>Ends the operations with the result's length and SHA-256 and completes the Zstandard frame.</summary>
    public void Finish(long resultLength, ReadOnlySpan<byte> resultSha256)
    {
        if (resultSha256.Length != 32)
        {
            throw new ArgumentException("a SHA-256 is 32 bytes", nameof(resultSha256));
        }

        FlushCopy();
        w.Byte(FileDeltaCodec.End);
        w.Varint((ulong)resultLength);
        w.Bytes(resultSha256);
        zstd.Flush();
        zstd.Dispose();
        finished = true;
    }

    public void Dispose()
    {
        if (!finished)
        {
            zstd.Dispose();
        }
    }

    private void FlushCopy()
    {
        if (copyLength == 0)
        {
            return;
        }

        w.Byte(FileDeltaCodec.Copy);
        w.Varint((ulong)copyOffset);
        w.Varint((ulong)copyLength);
        copyLength = 0;
    }
}
