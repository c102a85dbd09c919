namespace Coffer.SyncML.San;

/// <summary>
/// The 1-bit initiator of a Server Alerted Notification header (OMA-TS-DS_Notification-V1_2, package #0
/// notification header): whether a user or the server itself caused the notification.
/// </summary>
public enum SanInitiator
{
    /// <summary>0: user-initiated (e.g. from the web console).</summary>
    User = 0,

    /// <summary>1: server-initiated (e.g. Coffer's scheduled late-night notifications, seed 000).</summary>
    Server = 1,
}
