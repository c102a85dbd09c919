using Coffer.SyncML.San;

namespace Coffer.SyncML.Dm;

/// <summary>
/// Package 0 of OMA DM 1.2, the notification that asks a device to open a management session
/// (OMA-TS-DM_Notification-V1_2 §6): digest, trigger header (the same header as the DS SAN) and a vendor-specific
/// trigger body. Encode, decode and verify it with <see cref="DmNotificationCodec"/>.
/// </summary>
public sealed class DmNotification
{
    /// <summary>The digest over the rest of the package (as the DS SAN's, <see cref="SanDigest"/>); 16 bytes.</summary>
    public byte[] Digest { get; set; } = new byte[SanDigest.Length];

    /// <summary>The 10-bit version, ten times the DM version: 12 for DM 1.2.</summary>
    public int Version { get; set; } = DmNotificationCodec.Version12;

    public SanUiMode UiMode { get; set; } = SanUiMode.NotSpecified;

    public SanInitiator Initiator { get; set; } = SanInitiator.Server;

    /// <summary>The 27 reserved header bits, kept so a decoded package re-encodes byte for byte.</summary>
    public uint FutureUse { get; set; }

    /// <summary>The session id the device puts in SessionID of the session it opens (16 bits).</summary>
    public ushort SessionId { get; set; }

    /// <summary>The server identifier (the device's DM account's server id), at most 255 UTF-8 bytes.</summary>
    public string ServerIdentifier { get; set; } = string.Empty;

    /// <summary>The trigger body: vendor-specific bytes, possibly none.</summary>
    public byte[] VendorSpecific { get; set; } = [];
}
