using System.Buffers.Binary;

namespace Coffer.Storage;

/// <summary>
/// The fixed header in front of every stored payload (big-endian):
/// <c>[0] format version | [1] compression | [2] cipher | [3..6] key id | [7..10] content length</c>.
/// The content length bounds decompression (a corrupt blob cannot expand without limit).
/// </summary>
public readonly record struct PayloadHeader(byte FormatVersion, PayloadCompression Compression, PayloadCipher Cipher, uint KeyId, int ContentLength)
{
    public const int Size = 11;

    public const byte CurrentFormatVersion = 1;

    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("destination is shorter than the payload header", nameof(destination));
        }

        destination[0] = FormatVersion;
        destination[1] = (byte)Compression;
        destination[2] = (byte)Cipher;
        BinaryPrimitives.WriteUInt32BigEndian(destination[3..], KeyId);
        BinaryPrimitives.WriteInt32BigEndian(destination[7..], ContentLength);
    }

    /// <summary>Reads and checks a header; throws <see cref="StorageException"/> when it is truncated or from a newer format.</summary>
    public static PayloadHeader Read(ReadOnlySpan<byte> stored)
    {
        if (stored.Length < Size)
        {
            throw new StorageException($"payload of {stored.Length} bytes is shorter than its {Size}-byte header");
        }

        if (stored[0] != CurrentFormatVersion)
        {
            throw new StorageException($"payload format version {stored[0]} is not supported (this build reads {CurrentFormatVersion})");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(stored[7..]);
        if (length < 0)
        {
            throw new StorageException($"payload header has a negative content length {length}");
        }

        return new PayloadHeader(stored[0], (PayloadCompression)stored[1], (PayloadCipher)stored[2], BinaryPrimitives.ReadUInt32BigEndian(stored[3..]), length);
    }
}
