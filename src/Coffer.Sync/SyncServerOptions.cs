namespace Coffer.Sync;

/// <summary>Settings of the sync engine; every one has a sane default so the server runs with no configuration.</summary>
public sealed class SyncServerOptions
{
    /// <summary>What wins when the same field changed on the device and on the server since the last sync.</summary>
    public ConflictPolicy ConflictPolicy { get; set; } = ConflictPolicy.ClientWins;

    /// <summary>How long an idle session survives between two messages.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The largest message this server accepts and announces (MaxMsgSize in our SyncHdr Meta).</summary>
    public long MaxMsgSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest object this server accepts (MaxObjSize); larger items get 413.</summary>
    public long MaxObjSize { get; set; } = 32 * 1024 * 1024;

    /// <summary>Message size assumed when a client announces none (OMA-TS-DS_Protocol-V1_2 §6.7 lets the server choose).</summary>
    public long DefaultClientMaxMsgSize { get; set; } = 64 * 1024;

    /// <summary>The challenge type sent when a client sends no credentials (407) — md5 never puts the password on the wire.</summary>
    public string PreferredAuthType { get; set; } = Coffer.SyncML.Auth.AuthTypes.Md5;

    /// <summary>How many items one storage query reads when the server pages through its changes.</summary>
    public int PageSize { get; set; } = 200;
}
