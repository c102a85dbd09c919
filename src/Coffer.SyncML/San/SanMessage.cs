namespace Coffer.SyncML.San;

/// <summary>
/// A DS 1.2 Server Alerted Notification, package #0 (OMA-TS-DS_Notification-V1_2): 128-bit digest,
/// notification header, notification body (the syncs) and a vendor-specific trailer.
/// Encode and decode with <see cref="SanCodec"/>; authenticate with <see cref="SanDigest"/>.
/// </summary>
public sealed class SanMessage
{
    /// <summary>The MD5 digest over the rest of the package (<see cref="SanDigest"/>); 16 bytes.</summary>
    public byte[] Digest { get; set; } = new byte[SanDigest.Length];

    /// <summary>The 10-bit protocol version, ten times the DS version: 12 for DS 1.2.</summary>
    public int Version { get; set; } = SanCodec.Version12;

    public SanUiMode UiMode { get; set; } = SanUiMode.NotSpecified;

    public SanInitiator Initiator { get; set; } = SanInitiator.Server;

    /// <summary>The 27 reserved header bits; kept so real packages re-encode byte for byte.</summary>
    public uint FutureUse { get; set; }

    /// <summary>16-bit session id the client uses as SessionID of the session it opens.</summary>
    public ushort SessionId { get; set; }

    /// <summary>The server identifier (the client's configured server id), at most 255 UTF-8 bytes.</summary>
    public string ServerIdentifier { get; set; } = string.Empty;

    /// <summary>At most 15 syncs; none means "sync every datastore configured for this server".</summary>
    public List<SanSync> Syncs { get; set; } = [];

    /// <summary>The 4 reserved bits after num-syncs.</summary>
    public byte BodyFutureUse { get; set; }

    /// <summary>Everything after the last sync: vendor-specific data.</summary>
    public byte[] VendorSpecific { get; set; } = [];
}
