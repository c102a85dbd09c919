namespace Coffer.Storage;

/// <summary>Compression recorded in the payload header. Stored as the number: only append.</summary>
public enum PayloadCompression : byte
{
    None = 0,
    Brotli = 1,

    /// <summary>
    /// Zstandard (RFC 8878) without the magic number, dictionary id, content size or checksum in the frame: the header
    /// carries the dictionary id and content length, and AES-GCM authenticates the whole.
    /// </summary>
    Zstd = 2,
}
