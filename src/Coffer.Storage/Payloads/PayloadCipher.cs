namespace Coffer.Storage;

/// <summary>Encryption recorded in the payload header (encryption at rest comes later, e.g. AesGcm = 1). Only append.</summary>
public enum PayloadCipher : byte
{
    None = 0,
}
