namespace Coffer.Storage;

/// <summary>
/// Payloads of one place (e.g. "item versions", "md5 credentials"): how many are encrypted and how many still clear
/// (written before encryption at rest), their stored bytes, and for items the content bytes they hold.
/// </summary>
public sealed record PayloadCount(string Place, long Encrypted, long Clear, long StoredBytes, long ContentBytes);
