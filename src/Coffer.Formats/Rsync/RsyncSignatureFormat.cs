using System.Buffers.Binary;

namespace Coffer.Formats.Rsync;

/// <summary>
/// What a signature's 12-byte header says: its magic (the weak and strong sums), the block length and the
/// length of each block's strong sum, all big-endian 32-bit integers (librsync mksum.c). Each block then takes
/// 4 bytes of weak sum and <see cref="StrongLength"/> bytes of its BLAKE2b-256 digest, truncated.
/// </summary>
public sealed record RsyncSignatureFormat(RsyncMagic Magic, int BlockLength, int StrongLength)
{
    /// <summary>The header's length in bytes.</summary>
    public const int HeaderLength = 12;

    /// <summary>BLAKE2b's digest as librsync computes it before truncating (<c>RS_BLAKE2_SUM_LENGTH</c>).</summary>
    public const int Blake2SumLength = 32;

    /// <summary>The block length librsync uses when the basis's size is unknown (<c>RS_DEFAULT_BLOCK_LEN</c>).</summary>
    public const int DefaultBlockLength = 2048;

    /// <summary>True when the weak sum is Rabin-Karp, false for Tridgell's rollsum.</summary>
    public bool RabinKarp => Magic == RsyncMagic.RabinKarpBlake2Signature;

    /// <summary>
    /// What <c>rdiff signature</c> chooses for a basis of <paramref name="basisLength"/> bytes (negative: unknown)
    /// with its default options (librsync sumset.c, <c>rs_sig_args</c>): Rabin-Karp + BLAKE2b, blocks of
    /// sqrt(size) rounded down to a multiple of 128 and at least 256, full 32-byte strong sums.
    /// </summary>
    public static RsyncSignatureFormat Recommended(long basisLength, int blockLength = 0)
    {
        if (blockLength <= 0)
        {
            blockLength = basisLength < 0 ? DefaultBlockLength
                : basisLength <= 256 * 256 ? 256
                : (int)(IntegerSquareRoot(basisLength) & ~127L);
        }

        return new RsyncSignatureFormat(RsyncMagic.RabinKarpBlake2Signature, blockLength, Blake2SumLength);
    }

    /// <summary>Checks the values and writes the header.</summary>
    public void WriteHeader(Stream output)
    {
        Validate();
        Span<byte> header = stackalloc byte[HeaderLength];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)Magic);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], BlockLength);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], StrongLength);
        output.Write(header);
    }

    /// <summary>Reads and checks a header; refuses MD4 signatures, which this implementation cannot match.</summary>
    public static RsyncSignatureFormat ReadHeader(Stream input)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        if (input.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength)
        {
            throw new PimFormatException("rsync signature: shorter than its 12-byte header.");
        }

        var magic = (RsyncMagic)BinaryPrimitives.ReadUInt32BigEndian(header);
        var format = new RsyncSignatureFormat(
            magic, BinaryPrimitives.ReadInt32BigEndian(header[4..]), BinaryPrimitives.ReadInt32BigEndian(header[8..]));
        format.Validate();
        return format;
    }

    private void Validate()
    {
        if (Magic is RsyncMagic.Md4Signature or RsyncMagic.RabinKarpMd4Signature)
        {
            throw new PimFormatException("rsync signature: MD4 signatures are not supported (write BLAKE2 ones: rdiff's default).");
        }

        if (Magic is not (RsyncMagic.Blake2Signature or RsyncMagic.RabinKarpBlake2Signature))
        {
            throw new PimFormatException($"rsync signature: unknown magic 0x{(uint)Magic:x8}.");
        }

        if (BlockLength < 1)
        {
            throw new PimFormatException($"rsync signature: block length {BlockLength}.");
        }

        if (StrongLength is < 1 or > Blake2SumLength)
        {
            throw new PimFormatException($"rsync signature: strong sum length {StrongLength} (1 to 32).");
        }
    }

    // librsync util.c rs_long_sqrt: the floor of the square root, bit by bit.
    private static long IntegerSquareRoot(long v)
    {
        long b = 1;
        for (var n = v; (n >>= 2) != 0; b <<= 1)
        {
        }

        long root = 0;
        for (; b != 0; b >>= 1)
        {
            root |= b;
            if (root * root > v)
            {
                root ^= b;
            }
        }

        return root;
    }
}
