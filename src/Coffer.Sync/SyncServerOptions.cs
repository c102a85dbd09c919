namespace Coffer.Sync;

/// <summary>Settings of the sync engine; every one has a sane default so the server runs with no configuration.</summary>
public sealed class SyncServerOptions
{
    /// <summary>What wins when the same field changed on the device and on the server since the last sync.</summary>
    public ConflictPolicy ConflictPolicy { get; set; } = ConflictPolicy.ClientWins;

    /// <summary>
    /// Where an app database's full copy is materialized while a change set is applied to it (private files, deleted
    /// at once); the server sets the data directory's <c>tmp/</c>. Null: the system's temporary directory.
    /// </summary>
    public string? ScratchDirectory { get; set; }

    /// <summary>How long an idle session survives between two messages.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The largest message this server accepts and announces (MaxMsgSize in our SyncHdr Meta).</summary>
    public long MaxMsgSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest object this server accepts (MaxObjSize); larger items get 413.</summary>
    public long MaxObjSize { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// The largest object accepted in a datastore of blobs (mail, SMS, photos, files), whose content streams into the
    /// blob store chunk by chunk and is never held whole: a video may be many times <see cref="MaxObjSize"/>.
    /// </summary>
    public long MaxBlobSize { get; set; } = 16L * 1024 * 1024 * 1024;

    /// <summary>
    /// Whether two-way and slow syncs of mail, SMS, photos and files send the server's changes to the device. Off by
    /// default: those datastores are backed up one way from the client (seed 000 §4.1); a refresh from the server
    /// (or a one-way-from-server sync) restores them either way.
    /// </summary>
    public bool TwoWayBlobDatastores { get; set; }

    /// <summary>Message size assumed when a client announces none (OMA-TS-DS_Protocol-V1_2 §6.7 lets the server choose).</summary>
    public long DefaultClientMaxMsgSize { get; set; } = 64 * 1024;

    /// <summary>
    /// The challenge type sent when a client sends no credentials (407). Basic, because accounts hold an md5 credential
    /// only when created for it (<c>coffer user add NAME --md5</c>); use TLS for basic.
    /// </summary>
    public string PreferredAuthType { get; set; } = Coffer.SyncML.Auth.AuthTypes.Basic;

    /// <summary>Largest request body read, in bytes; 0 = <see cref="MaxMsgSize"/> plus a quarter (what a client over our MaxMsgSize may still send).</summary>
    public long MaxRequestBytes { get; set; }

    /// <summary>The effective request body limit.</summary>
    public long RequestLimit => MaxRequestBytes > 0 ? MaxRequestBytes : MaxMsgSize + (MaxMsgSize / 4);

    /// <summary>Most commands plus items in one message; past it the message gets 413 and nothing of it is applied.</summary>
    public int MaxCommandsPerMessage { get; set; } = 10_000;

    /// <summary>Most elements in one message (XML or WBXML): bounds the tree built before anything is checked.</summary>
    public int MaxElementsPerMessage { get; set; } = 250_000;

    /// <summary>Most characters of decoded text in one message; 0 = twice <see cref="MaxMsgSize"/> (WBXML string-table references count what they expand to).</summary>
    public long MaxDecodedChars { get; set; }

    /// <summary>Failed logins one account may have before further attempts get 417 (Retry later); one comes back per <see cref="FailedLoginWindow"/> / this count.</summary>
    public int FailedLoginsPerAccount { get; set; } = 10;

    /// <summary>Failed logins one client address may have before its further attempts get 417.</summary>
    public int FailedLoginsPerAddress { get; set; } = 30;

    /// <summary>The time in which a whole allowance of failed logins comes back.</summary>
    public TimeSpan FailedLoginWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the answer to a failed or refused login is held back (it slows guessing at no CPU cost).</summary>
    public TimeSpan FailedLoginDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an md5 challenge nonce (a 401/407 Chal) stays valid.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many items one storage query reads when the server pages through its changes.</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>Default per-user limits; an Add past them gets 420 (configuration section <c>Coffer:Quota</c>).</summary>
    public Quotas.QuotaOptions Quota { get; set; } = new();

    /// <summary>The storage area; the first sync of a datastore saves a generation (configuration section <c>Coffer:Area</c>).</summary>
    public Recovery.StorageAreaOptions StorageArea { get; set; } = new();
}
