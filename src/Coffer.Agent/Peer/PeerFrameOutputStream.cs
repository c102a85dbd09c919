namespace Coffer.Agent.Peer;

/// <summary>
/// A write-only stream that sends what is written as data frames of one type (up to 64 KiB each), and
/// <see cref="Complete"/> the closing frame: how the signature and the delta travel.
/// </summary>
public sealed class PeerFrameOutputStream(Stream connection, PeerFrameType dataType) : Stream
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _count;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Sends what is buffered, then the closing frame with its payload.</summary>
    public void Complete(PeerFrameType endType, ReadOnlySpan<byte> payload)
    {
        Flush();
        PeerFrames.Write(connection, endType, payload);
        connection.Flush();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _buffer.Length - _count);
            buffer[..n].CopyTo(_buffer.AsSpan(_count));
            _count += n;
            buffer = buffer[n..];
            if (_count == _buffer.Length)
            {
                Flush();
            }
        }
    }

    public override void Flush()
    {
        if (_count > 0)
        {
            PeerFrames.Write(connection, dataType, _buffer.AsSpan(0, _count));
            _count = 0;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
