namespace Coffer.Agent.Dm;

/// <summary>
/// This device's DM account (docs/device-management.md "Accounts"), as enrollment returned it and kept in
/// <c>dm.json</c>: the server's identifier and URL, the client's name and secret (its Cred to the server), the
/// server's secret (the Cred the server must show), and the nonces each side last issued
/// (OMA-TS-DM_Security-V1_2 §5.3: every digest is over the last nonce the other side issued, so none is replayed).
/// </summary>
public sealed record DmAccount
{
    public required string ServerId { get; init; }

    public required Uri ServerUrl { get; init; }

    public required string ClientName { get; init; }

    public required string ClientSecret { get; init; }

    public required string ServerSecret { get; init; }

    /// <summary>
    /// Whether this device authenticates with HMAC-MD5 in the <c>x-syncml-hmac</c> header of every message
    /// (OMA-TS-DM_Security-V1_2 §5.5.2) instead of auth-md5 in the first message's Cred; chosen at enrollment.
    /// </summary>
    public bool Hmac { get; init; }

    /// <summary>The last NextNonce (b64) the server issued: the client's next Cred is over it. Empty before the first.</summary>
    public string? ServerNonce { get; init; }

    /// <summary>The last NextNonce (b64) this client issued: the server's next Cred must be over it. Empty before the first.</summary>
    public string? ClientNonce { get; init; }
}
