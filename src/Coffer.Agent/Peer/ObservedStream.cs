using System.Security.Cryptography;

namespace Coffer.Agent.Peer;

/// <summary>
/// Passes reads and writes through to another stream, counting the bytes each way and, when given, hashing them
/// and reporting the running count: the whole-file hash and the progress come from the pass that moves the bytes.
/// </summary>
public sealed class ObservedStream(Stream inner, IncrementalHash? hash = null, Action<long>? onBytes = null) : Stream
{
    /// <summary>Bytes read through this stream.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Bytes written through this stream.</summary>
    public long BytesWritten { get; private set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n > 0)
        {
            hash?.AppendData(buffer[..n]);
            BytesRead += n;
            onBytes?.Invoke(BytesRead);
        }

        return n;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        hash?.AppendData(buffer);
        BytesWritten += buffer.Length;
        onBytes?.Invoke(BytesWritten);
    }

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
