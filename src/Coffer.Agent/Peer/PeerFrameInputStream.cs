namespace Coffer.Agent.Peer;

/// <summary>
/// A read-only stream over consecutive data frames of one type, which ends at the closing frame
/// (<see cref="EndPayload"/> keeps its payload); any other frame is a protocol error.
/// </summary>
public sealed class PeerFrameInputStream(Stream connection, PeerFrameType dataType, PeerFrameType endType) : Stream
{
    private readonly byte[] _frame = new byte[PeerFrames.MaxPayload];
    private int _offset;
    private int _length;

    /// <summary>The closing frame's payload, once it has been read.</summary>
    public byte[]? EndPayload { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_offset == _length)
        {
            if (EndPayload is not null || buffer.IsEmpty)
            {
                return 0;
            }

            _length = PeerFrames.Read(connection, _frame, out var type);
            _offset = 0;
            if (type == endType)
            {
                EndPayload = _frame.AsSpan(0, _length).ToArray();
                _length = 0;
            }
            else if (type != dataType)
            {
                throw new PeerTransferException($"Peer transfer: expected {dataType}, got frame type {(byte)type}.");
            }
        }

        var n = Math.Min(buffer.Length, _length - _offset);
        _frame.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    /// <summary>Reads to the closing frame; data left over is a protocol error.</summary>
    public byte[] ReadEnd()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 0 ? EndPayload! : throw new PeerTransferException("Peer transfer: data after the end of the content.");
    }

    public override void Flush()
    {
    }

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
