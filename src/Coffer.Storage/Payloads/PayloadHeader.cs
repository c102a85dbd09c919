using System.Buffers.Binary;

namespace Coffer.Storage;

/// <summary>
/// The header in front of every stored payload. Two layouts, told apart by the first byte:
/// <list type="bullet">
/// <item><see cref="CompactFormat"/> (written today): <c>[0] 0xC2 | [1] compression | [2] cipher | key id | dictionary id |
/// content length</c>, the last three as unsigned LEB128 varints, so 7 bytes for a small item under key 1–127.</item>
/// <item><see cref="FixedFormat"/> (read only, written before dictionaries): <c>[0] 1 | [1] compression | [2] cipher |
/// [3..6] key id | [7..10] content length</c>, big-endian, no dictionary.</item>
/// </list>
/// Byte 2 is the cipher in both, which the stores' payload counts read in SQL. 0xC2 is outside WBXML's version numbers
/// (0–3) and the first bytes of XML or JSON text, so a blob kept in clear without a header is never taken for one.
/// The content length bounds decompression (a corrupt blob cannot expand without limit); the dictionary id names the
/// built-in dictionary the compression used (<see cref="PayloadDictionaries"/>, 0 for none).
/// </summary>
public readonly record struct PayloadHeader(PayloadCompression Compression, PayloadCipher Cipher, uint KeyId, int ContentLength, ushort DictionaryId = 0, byte Format = PayloadHeader.CompactFormat)
{
    public const byte FixedFormat = 1;
    public const byte CompactFormat = 0xC2;
    public const int FixedSize = 11;

    /// <summary>The longest header: 3 bytes and varints of at most 5, 3 and 5 bytes.</summary>
    public const int MaxSize = 3 + 5 + 3 + 5;

    /// <summary>Bytes this header takes when written.</summary>
    public int Size => Format == FixedFormat ? FixedSize : 3 + VarintLength(KeyId) + VarintLength(DictionaryId) + VarintLength((uint)ContentLength);

    /// <summary>True when the first byte is a header's (either layout); says nothing of the rest.</summary>
    public static bool StartsHeader(ReadOnlySpan<byte> stored) => stored.Length > 0 && stored[0] is FixedFormat or CompactFormat;

    /// <summary>Writes the header at the start of <paramref name="destination"/>; returns its <see cref="Size"/>.</summary>
    public int Write(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ContentLength);
        var size = Size;
        if (destination.Length < size)
        {
            throw new ArgumentException("destination is shorter than the payload header", nameof(destination));
        }

        destination[0] = Format;
        destination[1] = (byte)Compression;
        destination[2] = (byte)Cipher;
        switch (Format)
        {
            case FixedFormat:
                if (DictionaryId != 0)
                {
                    throw new InvalidOperationException("the fixed header layout has no dictionary id");
                }

                BinaryPrimitives.WriteUInt32BigEndian(destination[3..], KeyId);
                BinaryPrimitives.WriteInt32BigEndian(destination[7..], ContentLength);
                break;
            case CompactFormat:
                var at = 3;
                at += WriteVarint(destination[at..], KeyId);
                at += WriteVarint(destination[at..], DictionaryId);
                WriteVarint(destination[at..], (uint)ContentLength);
                break;
            default:
                throw new InvalidOperationException($"payload header format {Format} is not one this build writes");
        }

        return size;
    }

    /// <summary>Reads and checks a header; throws <see cref="StorageException"/> when it is truncated, malformed or of an unknown format.</summary>
    public static PayloadHeader Read(ReadOnlySpan<byte> stored)
    {
        if (stored.Length < 3)
        {
            throw new StorageException($"payload of {stored.Length} bytes is shorter than a header");
        }

        var compression = (PayloadCompression)stored[1];
        var cipher = (PayloadCipher)stored[2];
        switch (stored[0])
        {
            case FixedFormat:
                if (stored.Length < FixedSize)
                {
                    throw new StorageException($"payload of {stored.Length} bytes is shorter than its {FixedSize}-byte header");
                }

                var length = BinaryPrimitives.ReadInt32BigEndian(stored[7..]);
                if (length < 0)
                {
                    throw new StorageException($"payload header has a negative content length {length}");
                }

                return new PayloadHeader(compression, cipher, BinaryPrimitives.ReadUInt32BigEndian(stored[3..]), length, 0, FixedFormat);
            case CompactFormat:
                var at = 3;
                var keyId = ReadVarint(stored, ref at);
                var dictionary = ReadVarint(stored, ref at);
                var contentLength = ReadVarint(stored, ref at);
                if (dictionary > ushort.MaxValue || contentLength > int.MaxValue)
                {
                    throw new StorageException($"payload header is malformed (dictionary {dictionary}, content length {contentLength})");
                }

                var header = new PayloadHeader(compression, cipher, keyId, (int)contentLength, (ushort)dictionary);
                if (header.Size != at)
                {
                    // A varint with needless continuation bytes: one header, one encoding, so the associated data is unique.
                    throw new StorageException("payload header is not in its shortest encoding");
                }

                return header;
            default:
                throw new StorageException($"payload format {stored[0]} is not supported (this build reads {FixedFormat} and {CompactFormat})");
        }
    }

    private static int VarintLength(uint value)
    {
        var n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }

        return n;
    }

    private static int WriteVarint(Span<byte> destination, uint value)
    {
        var n = 0;
        while (value >= 0x80)
        {
            destination[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[n++] = (byte)value;
        return n;
    }

    private static uint ReadVarint(ReadOnlySpan<byte> stored, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (at >= stored.Length)
            {
                throw new StorageException($"payload of {stored.Length} bytes ends inside its header");
            }

            var b = stored[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value <= uint.MaxValue ? (uint)value : throw new StorageException("payload header holds a number too large");
            }
        }

        throw new StorageException("payload header holds a number too long");
    }
}
