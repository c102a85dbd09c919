using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Coffer.Formats.Chunking;

/// <summary>
/// Content-defined chunking with FastCDC (Xia et al., "FastCDC: a Fast and Efficient Content-Defined Chunking
/// Approach for Data Deduplication", USENIX ATC 2016): a gear rolling hash over the bytes, cut where its top bits are
/// zero. A boundary depends only on the last 64 bytes before it, so an insert or a deletion moves the boundaries next to
/// it and the ones after it fall on the same content as before: the chunks after the change are byte-identical and
/// deduplicate, where fixed-size chunks would all shift. Normalized chunking (a stricter mask before the average size,
/// a looser one after) keeps sizes close to the average; cuts are forced at <see cref="MaxSize"/>.
/// The gear table comes from a seed: with a secret seed the chunk sizes say nothing about the content (restic keys its
/// Rabin polynomial for the same reason).
/// </summary>
public sealed class ContentDefinedChunker
{
    private readonly ulong[] gear = new ulong[256];
    private readonly ulong maskSmall;
    private readonly ulong maskLarge;

    /// <param name="seed">Any bytes; equal seeds give equal boundaries.</param>
    /// <param name="averageSize">The target chunk size, a power of two of at least 256.</param>
    public ContentDefinedChunker(ReadOnlySpan<byte> seed, int averageSize = 64 * 1024)
    {
        if (averageSize < 256 || (averageSize & (averageSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(averageSize), averageSize, "a power of two of at least 256");
        }

        AverageSize = averageSize;
        MinSize = averageSize / 4;
        MaxSize = averageSize * 4;
        var bits = BitOperations.Log2((uint)averageSize);

        // Normalization level 2 of the paper: two bits more before the average, two fewer after it. The mask bits are
        // the top ones: the gear hash shifts left, so the high bits mix in the most recent 64 bytes.
        maskSmall = TopBits(bits + 2);
        maskLarge = TopBits(bits - 2);

        Span<byte> block = stackalloc byte[32];
        var input = new byte[seed.Length + 4];
        seed.CopyTo(input);
        for (var i = 0; i < gear.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(input.AsSpan(seed.Length), i);
            SHA256.HashData(input, block);
            gear[i] = BinaryPrimitives.ReadUInt64LittleEndian(block);
        }
    }

    public int AverageSize { get; }

    /// <summary>No cut before this many bytes (but at the end of the data).</summary>
    public int MinSize { get; }

    /// <summary>A cut at this many bytes at the latest.</summary>
    public int MaxSize { get; }

    /// <summary>
    /// The length of the chunk that starts at <paramref name="data"/>[0]. Give at least <see cref="MaxSize"/> bytes unless
    /// <paramref name="data"/> runs to the end of the input (then the last chunk may be shorter than <see cref="MinSize"/>).
    /// </summary>
    public int Cut(ReadOnlySpan<byte> data)
    {
        if (data.Length <= MinSize)
        {
            return data.Length;
        }

        var end = Math.Min(data.Length, MaxSize);
        var normal = Math.Min(end, AverageSize);
        ulong hash = 0;
        var i = MinSize;
        for (; i < normal; i++)
        {
            hash = (hash << 1) + gear[data[i]];
            if ((hash & maskSmall) == 0)
            {
                return i + 1;
            }
        }

        for (; i < end; i++)
        {
            hash = (hash << 1) + gear[data[i]];
            if ((hash & maskLarge) == 0)
            {
                return i + 1;
            }
        }

        return end;
    }

    /// <summary>The chunks of a whole stream, as (offset, length), read through once.</summary>
    public IEnumerable<(long Offset, int Length)> Split(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[MaxSize * 4];
        var filled = 0;
        var start = 0;
        var offset = 0L;
        var ended = false;
        while (true)
        {
            if (!ended && filled - start < MaxSize)
            {
                // Keep the unconsumed tail at the front and fill the rest.
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
                start = 0;
                while (filled < buffer.Length)
                {
                    var read = stream.Read(buffer, filled, buffer.Length - filled);
                    if (read == 0)
                    {
                        ended = true;
                        break;
                    }

                    filled += read;
                }
            }

            if (start == filled)
            {
                yield break;
            }

            var length = Cut(buffer.AsSpan(start, filled - start));
            yield return (offset, length);
            offset += length;
            start += length;
        }
    }

    private static ulong TopBits(int count) => count <= 0 ? 0 : ulong.MaxValue << (64 - count);
}
