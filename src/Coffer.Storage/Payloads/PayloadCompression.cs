namespace Coffer.Storage;

/// <summary>Compression recorded in the payload header. Stored as the number: only append.</summary>
public enum PayloadCompression : byte
{
    None = 0,
    Brotli = 1,
}
