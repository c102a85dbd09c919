namespace Coffer.Storage;

/// <summary>A Coffer account.</summary>
/// <param name="Id">Backend-assigned id; every other record refers to it.</param>
/// <param name="Name">The name as entered (unique case-insensitively).</param>
/// <param name="PasswordHash">A <see cref="PasswordHasher"/> string (algorithm, iterations, salt and hash together).</param>
/// <param name="IdentitySecret">Per-user HMAC key for <see cref="IdentityKey"/>: twin lookups never store clear identity keys.</param>
/// <param name="Sequence">The user's change sequence: the value the last write took (0 before any write).</param>
/// <param name="Admin">May use the administration pages and API (/admin, /api/admin).</param>
/// <param name="Disabled">May neither sign in, sync nor use the API; the data stays.</param>
public sealed record UserAccount(
    long Id,
    string Name,
    string PasswordHash,
    byte[] IdentitySecret,
    long Sequence,
    DateTimeOffset Created,
    DateTimeOffset PasswordChanged,
    string? Md5Credential = null,
    bool Admin = false,
    bool Disabled = false);
