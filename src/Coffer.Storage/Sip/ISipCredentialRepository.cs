namespace Coffer.Storage;

/// <summary>
/// The SIP digest HA1s of each account (table sip_credentials), sealed under the user's data key like the md5
/// credential (docs/security.md). Setting a password through <see cref="IUserRepository"/> removes them, so a password
/// change that does not also store new ones leaves no old password usable over SIP.
/// </summary>
public interface ISipCredentialRepository
{
    /// <summary>Replaces the user's HA1s (null: removes them).</summary>
    Task SetAsync(long userId, SipDigestCredential? credential, CancellationToken cancellationToken = default);

    /// <summary>
    /// The HA1 of an enabled account named <paramref name="userName"/> (compared like sign-in names) for
    /// <paramref name="realm"/> and <paramref name="algorithm"/> (MD5, SHA-256); null when there is none.
    /// </summary>
    Task<SipDigestAccount?> FindAsync(string userName, string realm, string algorithm, CancellationToken cancellationToken = default);
}
