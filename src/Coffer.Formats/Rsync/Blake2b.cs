using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Coffer.Formats.Rsync;

/// <summary>
/// BLAKE2b (RFC 7693), unkeyed, one-shot: the strong sum librsync puts in its BLAKE2 signatures. The framework
/// has no BLAKE2, and the served NuGet implementations are keyed-MAC wrappers or native bindings.
/// </summary>
public static class Blake2b
{
    /// <summary>The largest digest BLAKE2b produces (RFC 7693 §2.1).</summary>
    public const int MaxDigestLength = 64;

    private const int BlockBytes = 128;

    private static readonly ulong[] IV =
    [
        0x6a09e667f3bcc908UL, 0xbb67ae8584caa73bUL, 0x3c6ef372fe94f82bUL, 0xa54ff53a5f1d36f1UL,
        0x510e527fade682d1UL, 0x9b05688c2b3e6c1fUL, 0x1f83d9abfb41bd6bUL, 0x5be0cd19137e2179UL,
    ];

    // RFC 7693 §2.7: rounds 10 and 11 reuse the permutations of rounds 0 and 1.
    private static readonly byte[] Sigma =
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
    ];

    /// <summary>Writes the BLAKE2b digest of <paramref name="data"/>, <c>digest.Length</c> (1..64) bytes long.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (digest.Length is < 1 or > MaxDigestLength)
        {
            throw new ArgumentOutOfRangeException(nameof(digest), "A BLAKE2b digest is 1 to 64 bytes long.");
        }

        Span<ulong> h = stackalloc ulong[8];
        IV.CopyTo(h);
        h[0] ^= 0x01010000UL ^ (ulong)digest.Length;

        Span<ulong> m = stackalloc ulong[16];
        ulong counter = 0;
        var offset = 0;
        while (data.Length - offset > BlockBytes)
        {
            counter += BlockBytes;
            LoadBlock(data.Slice(offset, BlockBytes), m);
            Compress(h, m, counter, last: false);
            offset += BlockBytes;
        }

        Span<byte> tail = stackalloc byte[BlockBytes];
        tail.Clear();
        data[offset..].CopyTo(tail);
        counter += (ulong)(data.Length - offset);
        LoadBlock(tail, m);
        Compress(h, m, counter, last: true);

        Span<byte> full = stackalloc byte[MaxDigestLength];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(full[(i * 8)..], h[i]);
        }

        full[..digest.Length].CopyTo(digest);
    }

    private static void LoadBlock(ReadOnlySpan<byte> block, Span<ulong> m)
    {
        for (var i = 0; i < 16; i++)
        {
            m[i] = BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        }
    }

    // The byte counter is 128 bits in RFC 7693; its high word stays 0 below 2^64 bytes.
    private static void Compress(Span<ulong> h, ReadOnlySpan<ulong> m, ulong counter, bool last)
    {
        ulong v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
        ulong v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3];
        ulong v12 = IV[4] ^ counter, v13 = IV[5], v14 = last ? ~IV[6] : IV[6], v15 = IV[7];
        var s = Sigma.AsSpan();
        for (var r = 0; r < 12; r++)
        {
            var p = s.Slice(r * 16, 16);
            G(ref v0, ref v4, ref v8, ref v12, m[p[0]], m[p[1]]);
            G(ref v1, ref v5, ref v9, ref v13, m[p[2]], m[p[3]]);
            G(ref v2, ref v6, ref v10, ref v14, m[p[4]], m[p[5]]);
            G(ref v3, ref v7, ref v11, ref v15, m[p[6]], m[p[7]]);
            G(ref v0, ref v5, ref v10, ref v15, m[p[8]], m[p[9]]);
            G(ref v1, ref v6, ref v11, ref v12, m[p[10]], m[p[11]]);
            G(ref v2, ref v7, ref v8, ref v13, m[p[12]], m[p[13]]);
            G(ref v3, ref v4, ref v9, ref v14, m[p[14]], m[p[15]]);
        }

        h[0] ^= v0 ^ v8;
        h[1] ^= v1 ^ v9;
        h[2] ^= v2 ^ v10;
        h[3] ^= v3 ^ v11;
        h[4] ^= v4 ^ v12;
        h[5] ^= v5 ^ v13;
        h[6] ^= v6 ^ v14;
        h[7] ^= v7 ^ v15;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(ref ulong a, ref ulong b, ref ulong c, ref ulong d, ulong x, ulong y)
    {
        a = a + b + x;
        d = BitOperations.RotateRight(d ^ a, 32);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 24);
        a = a + b + y;
        d = BitOperations.RotateRight(d ^ a, 16);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 63);
    }
}
