namespace Coffer.SyncML.San;

/// <summary>
/// The 2-bit ui-mode of a Server Alerted Notification header: how the client should involve the user
/// (OMA-TS-DS_Notification-V1_2, SyncML Notification Initiated Session, package #0 notification header).
/// </summary>
public enum SanUiMode
{
    /// <summary>0: the client decides.</summary>
    NotSpecified = 0,

    /// <summary>1: start the session without telling the user.</summary>
    Background = 1,

    /// <summary>2: start the session and inform the user.</summary>
    Informative = 2,

    /// <summary>3: ask the user before starting the session.</summary>
    UserInteraction = 3,
}
