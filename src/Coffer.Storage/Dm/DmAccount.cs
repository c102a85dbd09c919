namespace Coffer.Storage;

/// <summary>
/// A device's OMA DM account (docs/device-management.md "Accounts"). The secrets are sealed under the user's data key
/// in the store; this record holds them opened.
/// </summary>
/// <param name="ClientName">The client's user name (SyncHdr Source LocName); unique over the server.</param>
/// <param name="ClientCredentialHash">B64(MD5(name:secret)) of the client's secret (OMA-TS-DM_Security-V1_2 §5.5.1): what checks its auth-md5 and HMAC digests.</param>
/// <param name="ServerSecret">The secret the server authenticates itself with to the client.</param>
/// <param name="ServerNonce">The nonce the server issued last (b64): the client's next digest must be over it.</param>
/// <param name="ClientNonce">The nonce the client issued last (b64): the server's next digest is over it.</param>
public sealed record DmAccount(
    long UserId,
    long DeviceId,
    string ClientName,
    string ClientCredentialHash,
    string ServerSecret,
    string? ServerNonce,
    string? ClientNonce)
{
    /// <summary>The SessionID of the package 0 last sent to the device and not yet answered; null when none.</summary>
    public int? NotifiedSession { get; init; }
}
