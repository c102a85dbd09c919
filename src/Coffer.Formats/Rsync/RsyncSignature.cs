using System.Buffers.Binary;

namespace Coffer.Formats.Rsync;

/// <summary>
/// A signature read into memory (36 bytes a block by default: 368 KB for a 100 MiB basis) with an index from weak
/// sum to blocks, which is what a delta needs: for a window of the new file, the basis block with the same weak
/// and strong sums.
/// </summary>
public sealed class RsyncSignature
{
    private readonly byte[] _strong;
    private readonly Dictionary<uint, int> _firstByWeak;
    private readonly int[] _nextWithSameWeak;

    private RsyncSignature(RsyncSignatureFormat format, uint[] weak, byte[] strong, int count)
    {
        Format = format;
        BlockCount = count;
        _strong = strong;
        _firstByWeak = new Dictionary<uint, int>(count);
        _nextWithSameWeak = new int[count];
        for (var i = count - 1; i >= 0; i--)
        {
            _nextWithSameWeak[i] = _firstByWeak.TryGetValue(weak[i], out var next) ? next : -1;
            _firstByWeak[weak[i]] = i;
        }
    }

    /// <summary>The header's values.</summary>
    public RsyncSignatureFormat Format { get; }

    /// <summary>How many blocks the basis had.</summary>
    public int BlockCount { get; }

    /// <summary>Reads a whole signature; refuses a bad header or a block cut short.</summary>
    public static RsyncSignature Read(Stream input)
    {
        var format = RsyncSignatureFormat.ReadHeader(input);
        var recordLength = 4 + format.StrongLength;
        var weak = new List<uint>();
        var strong = new MemoryStream();
        var record = new byte[recordLength];
        int read;
        while ((read = input.ReadAtLeast(record, recordLength, throwOnEndOfStream: false)) > 0)
        {
            if (read < recordLength)
            {
                throw new PimFormatException($"rsync signature: block {weak.Count} is cut short.");
            }

            if (weak.Count == int.MaxValue / recordLength)
            {
                throw new PimFormatException("rsync signature: too many blocks.");
            }

            weak.Add(BinaryPrimitives.ReadUInt32BigEndian(record));
            strong.Write(record, 4, format.StrongLength);
        }

        return new RsyncSignature(format, [.. weak], strong.ToArray(), weak.Count);
    }

    /// <summary>
    /// The basis block whose sums are those of <paramref name="window"/> (its weak sum given), or -1. The strong sum
    /// is computed only when a weak sum matches.
    /// </summary>
    public int Find(uint weakSum, ReadOnlySpan<byte> window)
    {
        if (!_firstByWeak.TryGetValue(weakSum, out var block))
        {
            return -1;
        }

        var length = Format.StrongLength;
        Span<byte> strong = stackalloc byte[RsyncSignatureFormat.Blake2SumLength];
        Blake2b.Hash(window, strong);
        for (; block >= 0; block = _nextWithSameWeak[block])
        {
            if (strong[..length].SequenceEqual(_strong.AsSpan(block * length, length)))
            {
                return block;
            }
        }

        return -1;
    }
}
