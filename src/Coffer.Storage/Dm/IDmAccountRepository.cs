namespace Coffer.Storage;

/// <summary>
/// The devices' OMA DM accounts (table dm_accounts): one per device, the client credential hash and the server secret
/// sealed under the user's data key, never in clear (docs/security.md).
/// </summary>
public interface IDmAccountRepository
{
    /// <summary>Creates or replaces the device's account (a new enrollment replaces both secrets; nonces start empty).</summary>
    Task SetAsync(long userId, long deviceId, string clientName, string clientCredentialHash, string serverSecret, CancellationToken cancellationToken = default);

    Task<DmAccount?> GetAsync(long deviceId, CancellationToken cancellationToken = default);

    /// <summary>The account whose client name is <paramref name="clientName"/> (exact), on an enabled user; null when none.</summary>
    Task<DmAccount?> FindAsync(string clientName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues <paramref name="next"/> as the server's nonce, but only while the stored one still is
    /// <paramref name="expected"/> (null: none issued yet): false when another message used that nonce first (a replay).
    /// </summary>
    Task<bool> ReplaceServerNonceAsync(long deviceId, string? expected, string next, CancellationToken cancellationToken = default);

    /// <summary>Records the SessionID of the package 0 sent to the device (null: none waiting any more).</summary>
    Task SetNotifiedSessionAsync(long deviceId, int? sessionId, CancellationToken cancellationToken = default);

    /// <summary>Records the nonce the client issued for the server's next credential.</summary>
    Task SetClientNonceAsync(long deviceId, string? nonce, CancellationToken cancellationToken = default);
}
