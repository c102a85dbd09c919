namespace Coffer.SyncML.San;

/// <summary>
/// One sync requested by a Server Alerted Notification body: sync type (4 bits), future use (4),
/// content type (24), server URI length (8) and server URI (OMA-TS-DS_Notification-V1_2, package #0 body).
/// </summary>
public sealed class SanSync
{
    /// <summary>
    /// The alert code the client should start with, 206-210 (OMA-TS-DS_Protocol-V1_2, alert codes table;
    /// on the wire as 4 bits holding code-200, i.e. 6-10).
    /// </summary>
    public int SyncType { get; set; } = SanCodec.TwoWayByServer;

    /// <summary>The 4 reserved bits after the sync type; kept so real packages re-encode byte for byte.</summary>
    public byte FutureUse { get; set; }

    /// <summary>24-bit content type code (0: not specified).</summary>
    public uint ContentType { get; set; }

    /// <summary>The server-side datastore URI the client should sync with (e.g. "Contacts").</summary>
    public string ServerUri { get; set; } = string.Empty;
}
