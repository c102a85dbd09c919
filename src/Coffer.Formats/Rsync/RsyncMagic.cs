namespace Coffer.Formats.Rsync;

/// <summary>
/// The four-byte big-endian magic numbers librsync starts its files with (librsync.h, <c>rs_magic_number</c>).
/// A signature's magic names its weak sum (Tridgell's rollsum or Rabin-Karp) and its strong sum (MD4 or BLAKE2b).
/// </summary>
public enum RsyncMagic : uint
{
    /// <summary>A delta: <c>RS_DELTA_MAGIC</c>.</summary>
    Delta = 0x72730236,

    /// <summary>Rollsum + MD4: <c>RS_MD4_SIG_MAGIC</c>, librsync before 1.0 (not supported: no MD4 here).</summary>
    Md4Signature = 0x72730136,

    /// <summary>Rollsum + BLAKE2b: <c>RS_BLAKE2_SIG_MAGIC</c> (<c>rdiff --rollsum=rollsum</c>).</summary>
    Blake2Signature = 0x72730137,

    /// <summary>Rabin-Karp + MD4: <c>RS_RK_MD4_SIG_MAGIC</c> (not supported: no MD4 here).</summary>
    RabinKarpMd4Signature = 0x72730146,

    /// <summary>Rabin-Karp + BLAKE2b: <c>RS_RK_BLAKE2_SIG_MAGIC</c>, what librsync 2.3's <c>rdiff signature</c> writes.</summary>
    RabinKarpBlake2Signature = 0x72730147,
}
