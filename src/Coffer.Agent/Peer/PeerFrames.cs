using System.Buffers.Binary;

namespace Coffer.Agent.Peer;

/// <summary>
/// One frame on the connection: type (1 byte), payload length (4 bytes, big-endian, at most
/// <see cref="MaxPayload"/>), payload.
/// </summary>
public static class PeerFrames
{
    /// <summary>The largest payload a frame carries.</summary>
    public const int MaxPayload = 1 << 20;

    private const int HeaderLength = 5;

    /// <summary>Writes one frame.</summary>
    public static void Write(Stream stream, PeerFrameType type, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayload)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), "A frame carries at most 1 MiB.");
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        header[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(header[1..], payload.Length);
        stream.Write(header);
        stream.Write(payload);
    }

    /// <summary>Reads one frame into <paramref name="buffer"/> (at least <see cref="MaxPayload"/> bytes); returns its payload length.</summary>
    public static int Read(Stream stream, byte[] buffer, out PeerFrameType type)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        ReadExactly(stream, header);
        type = (PeerFrameType)header[0];
        var length = BinaryPrimitives.ReadInt32BigEndian(header[1..]);
        if (length is < 0 or > MaxPayload)
        {
            throw new PeerTransferException($"Peer transfer: a frame of {length} bytes.");
        }

        ReadExactly(stream, buffer.AsSpan(0, length));
        return length;
    }

    /// <summary>Reads one frame and checks its type.</summary>
    public static ReadOnlySpan<byte> Expect(Stream stream, byte[] buffer, PeerFrameType expected)
    {
        var length = Read(stream, buffer, out var type);
        return type == expected
            ? buffer.AsSpan(0, length)
            : throw new PeerTransferException($"Peer transfer: expected {expected}, got frame type {(byte)type}.");
    }

    private static void ReadExactly(Stream stream, Span<byte> destination)
    {
        if (stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) < destination.Length)
        {
            throw new PeerTransferException("Peer transfer: the connection was closed mid-transfer.");
        }
    }
}
