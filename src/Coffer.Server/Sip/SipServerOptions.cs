namespace Coffer.Server.Sip;

/// <summary>Coffer:Sip: the SIP control server (docs/sip.md, docs/operations.md).</summary>
public sealed class SipServerOptions
{
    /// <summary>Runs the SIP listeners (UDP and TCP).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address and port of both listeners; port 0 picks a free one (tests).</summary>
    public string Listen { get; set; } = "0.0.0.0:5060";

    /// <summary>
    /// SO_RCVBUF of the UDP listener (docs/sip.md, "Receive buffer"): room for the datagrams that arrive during a
    /// pause. Linux grants at most net.core.rmem_max; 0 keeps the system default (net.core.rmem_default).
    /// </summary>
    public int ReceiveBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The address:port the proxy writes into Via and Record-Route (Coffer:Sip:Advertise); needed when Listen is an
    /// any-address, since devices must be able to send to it. Empty: the listening address.
    /// </summary>
    public string? Advertise { get; set; }

    /// <summary>How long a peer session that never saw its BYE is kept before the sweep recycles it.</summary>
    public TimeSpan PeerSessionLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// The digest challenges offered, comma-separated in order of preference (MD5, SHA-256). MD5 alone by default:
    /// Debian's baresip 1.0.0 answers nothing to a 401 that also offers SHA-256 (docs/sip.md).
    /// </summary>
    public string ChallengeAlgorithms { get; set; } = "MD5";

    /// <summary>How long a digest nonce stays fresh; an older one gets stale=true.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a node keeps an account's HA1 after reading it (docs/sip.md, "What the accounts provide"): a password
    /// changed or an account disabled reaches SIP after at most this long. Zero: read the store on every REGISTER.
    /// </summary>
    public TimeSpan CredentialCacheLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Default and maximum registration interval (seed 003 step 5: 60 s).</summary>
    public int MaxExpiresSeconds { get; set; } = 60;

    /// <summary>A shorter non-zero interval gets 423 Interval Too Brief.</summary>
    public int MinExpiresSeconds { get; set; } = 10;

    /// <summary>
    /// How often the presence notifier reads the bindings of each account someone subscribed to: an expiry, or a
    /// registration at another node, reaches the subscribers this late at most (docs/sip.md, "Presence").
    /// </summary>
    public TimeSpan PresencePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often expired bindings are removed from the store (they are ignored at once anyway).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
