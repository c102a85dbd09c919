namespace Coffer.Formats.Rsync;

/// <summary>
/// The weak, rolling checksum of a window of bytes, as librsync computes it (rabinkarp.h, rollsum.h): either
/// Rabin-Karp (hash = hash * 0x08104225 + byte, seed 1, mod 2^32) or Tridgell's rollsum (s1 = sum of
/// byte + 31, s2 = sum of s1, digest s2 &lt;&lt; 16 | s1, both mod 2^16). The window moves one byte at a time
/// (<see cref="Rotate"/>) or shrinks from the front at the end of a file (<see cref="RollOut"/>).
/// </summary>
public struct RollingChecksum
{
    private const uint RabinKarpSeed = 1;
    private const uint RabinKarpMult = 0x08104225U;

    // The multiplicative inverse of RabinKarpMult mod 2^32, and the seed's term that leaves with each byte.
    private const uint RabinKarpInverseMult = 0x98f009adU;
    private const uint RabinKarpAdjust = 0x08104224U;
    private const uint RollsumCharOffset = 31;

    private readonly bool _rabinKarp;
    private uint _hash;
    private uint _mult;
    private uint _s1;
    private uint _s2;
    private uint _count;

    /// <summary>The checksum of an empty window.</summary>
    public RollingChecksum(bool rabinKarp)
    {
        _rabinKarp = rabinKarp;
        _hash = RabinKarpSeed;
        _mult = 1;
    }

    /// <summary>The checksum of the window: what a signature stores for a block.</summary>
    public readonly uint Digest => _rabinKarp ? _hash : (_s2 << 16) | (_s1 & 0xffff);

    /// <summary>The checksum of <paramref name="data"/> alone.</summary>
    public static uint Of(bool rabinKarp, ReadOnlySpan<byte> data)
    {
        var sum = new RollingChecksum(rabinKarp);
        sum.Update(data);
        return sum.Digest;
    }

    /// <summary>Appends bytes to the window.</summary>
    public void Update(ReadOnlySpan<byte> data)
    {
        if (_rabinKarp)
        {
            uint hash = _hash, mult = _mult;
            foreach (var b in data)
            {
                hash = (hash * RabinKarpMult) + b;
                mult *= RabinKarpMult;
            }

            _hash = hash;
            _mult = mult;
        }
        else
        {
            uint s1 = _s1, s2 = _s2;
            foreach (var b in data)
            {
                s1 += b + RollsumCharOffset;
                s2 += s1;
            }

            _s1 = s1;
            _s2 = s2;
        }

        _count += (uint)data.Length;
    }

    /// <summary>Moves the window one byte on: <paramref name="outByte"/> leaves it, <paramref name="inByte"/> enters.</summary>
    public void Rotate(byte outByte, byte inByte)
    {
        if (_rabinKarp)
        {
            _hash = (_hash * RabinKarpMult) + inByte - (_mult * (outByte + RabinKarpAdjust));
        }
        else
        {
            _s1 += (uint)inByte - outByte;
            _s2 += _s1 - (_count * (outByte + RollsumCharOffset));
        }
    }

    /// <summary>Drops the window's first byte.</summary>
    public void RollOut(byte outByte)
    {
        _count--;
        if (_rabinKarp)
        {
            _mult *= RabinKarpInverseMult;
            _hash -= _mult * (outByte + RabinKarpAdjust);
        }
        else
        {
            _s1 -= outByte + RollsumCharOffset;
            _s2 -= (_count + 1) * (outByte + RollsumCharOffset);
        }
    }
}
