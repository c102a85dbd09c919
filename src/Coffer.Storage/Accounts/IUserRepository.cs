namespace Coffer.Storage;

/// <summary>
/// Accounts. Hash passwords with <see cref="PasswordHasher"/> before beginning the unit of work: PBKDF2 is slow
/// on purpose and must not run while the write lock is held.
/// </summary>
public interface IUserRepository
{
    /// <summary>Creates a user with a fresh identity secret; null when the name is taken (compared case-insensitively).</summary>
    Task<UserAccount?> TryCreateAsync(string name, string passwordHash, string? md5Credential = null, CancellationToken cancellationToken = default);

    Task<UserAccount?> GetAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>Case-insensitive (Unicode case folding; surrounding spaces ignored).</summary>
    Task<UserAccount?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>All users ordered by name.</summary>
    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default);

    Task<bool> SetPasswordHashAsync(long userId, string passwordHash, string? md5Credential = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a password hash by a stronger hash of the same password (after a good login), only while the stored
    /// hash still is <paramref name="oldHash"/>; the md5 credential and the password's change time stay.
    /// </summary>
    Task<bool> RehashPasswordAsync(long userId, string oldHash, string newHash, CancellationToken cancellationToken = default);

    /// <summary>The user's own quota (null fields: the server's defaults); null when the user does not exist.</summary>
    Task<UserQuota?> GetQuotaAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>Sets the user's own quota (null fields: back to the server's defaults); false when the user does not exist.</summary>
    Task<bool> SetQuotaAsync(long userId, UserQuota quota, CancellationToken cancellationToken = default);

    /// <summary>Grants or revokes administration; false when the user does not exist.</summary>
    Task<bool> SetAdminAsync(long userId, bool admin, CancellationToken cancellationToken = default);

    /// <summary>Disables the account (no sign-in, sync or API; its data stays) or enables it again; false when the user does not exist.</summary>
    Task<bool> SetDisabledAsync(long userId, bool disabled, CancellationToken cancellationToken = default);

    /// <summary>Deletes the user and everything of theirs: devices, datastores, items, history, maps, sessions.</summary>
    Task<bool> DeleteAsync(long userId, CancellationToken cancellationToken = default);
}
