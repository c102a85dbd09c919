namespace Coffer.Storage;

/// <summary>Encryption recorded in the payload header. Stored as the number: only append.</summary>
public enum PayloadCipher : byte
{
    /// <summary>Clear text: only payloads written before encryption at rest (read, then encrypted by the startup pass).</summary>
    None = 0,

    /// <summary>
    /// AES-256-GCM (NIST SP 800-38D) under the data key the header names: the header is followed by a 12-byte random
    /// nonce, the ciphertext and a 16-byte tag; the header and the <see cref="PayloadContext"/> are the associated data.
    /// </summary>
    AesGcm = 1,
}
