namespace Coffer.SyncML.San;

/// <summary>
/// The notification header both package #0 formats share after the 128-bit digest: version (10 bits), ui-mode (2),
/// initiator (1), future-use (27), session-id (16), server-identifier length (8) and server-identifier
/// (OMA-TS-DS_Notification-V1_2 "Notification header"; OMA-TS-DM_Notification-V1_2 §6 "trigger-hdr").
/// </summary>
internal sealed class NotificationHeader
{
    public int Version { get; init; }

    public SanUiMode UiMode { get; init; }

    public SanInitiator Initiator { get; init; }

    public uint FutureUse { get; init; }

    public ushort SessionId { get; init; }

    public string ServerIdentifier { get; init; } = string.Empty;
}
