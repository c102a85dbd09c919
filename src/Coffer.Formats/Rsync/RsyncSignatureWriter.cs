namespace Coffer.Formats.Rsync;

/// <summary>
/// Writes the signature of a basis file in librsync's format (mksum.c): the header, then for each block of
/// <see cref="RsyncSignatureFormat.BlockLength"/> bytes (the last one may be shorter) its weak sum, big-endian,
/// and the first <see cref="RsyncSignatureFormat.StrongLength"/> bytes of its BLAKE2b-256. Reads the basis once,
/// a block at a time.
/// </summary>
public static class RsyncSignatureWriter
{
    /// <summary>Writes the signature of <paramref name="basis"/> and returns the number of blocks.</summary>
    public static long Write(Stream basis, Stream output, RsyncSignatureFormat format)
    {
        format.WriteHeader(output);
        var rabinKarp = format.RabinKarp;
        var block = new byte[format.BlockLength];
        var record = new byte[4 + format.StrongLength];
        Span<byte> strong = stackalloc byte[RsyncSignatureFormat.Blake2SumLength];
        // Not disposed: that would close the caller's stream.
        var buffered = new BufferedStream(output, 64 * 1024);
        long blocks = 0;
        int read;
        while ((read = basis.ReadAtLeast(block, block.Length, throwOnEndOfStream: false)) > 0)
        {
            var data = block.AsSpan(0, read);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(record, RollingChecksum.Of(rabinKarp, data));
            Blake2b.Hash(data, strong);
            strong[..format.StrongLength].CopyTo(record.AsSpan(4));
            buffered.Write(record);
            blocks++;
        }

        buffered.Flush();
        return blocks;
    }
}
