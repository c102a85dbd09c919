namespace Coffer.SyncML.Dm;

/// <summary>
/// The alert codes OMA DM 1.2 defines (OMA-TS-DM_Protocol-V1_2 §10 "Alert Types"): the user-interaction alerts
/// 1100–1104, session start 1200/1201, and the session alerts 1222–1226.
/// </summary>
public static class DmAlertCode
{
    /// <summary>1100: show the text to the user (no answer but the Status).</summary>
    public const int Display = 1100;

    /// <summary>1101: continue or abort; the Status says which (200 continue, 304 not confirmed).</summary>
    public const int Confirm = 1101;

    /// <summary>1102: ask the user for a text; the Status carries it in an Item.</summary>
    public const int TextInput = 1102;

    /// <summary>1103: one choice among the items after the text; the Status carries its 1-based number.</summary>
    public const int SingleChoice = 1103;

    /// <summary>1104: any choices among the items after the text; the Status carries their numbers.</summary>
    public const int MultipleChoice = 1104;

    /// <summary>1200: the session was initiated by the server (the client received package 0).</summary>
    public const int ServerInitiatedMgmt = 1200;

    /// <summary>1201: the session was initiated by the client.</summary>
    public const int ClientInitiatedMgmt = 1201;

    /// <summary>1222: the sender has more messages of this package; send the next one (§8.9 "Multiple messages in package").</summary>
    public const int NextMessage = 1222;

    /// <summary>1223: the sender aborts the session.</summary>
    public const int SessionAbort = 1223;

    /// <summary>1224: a client event (OMA DM 1.2 reserves it for client-side event reporting).</summary>
    public const int ClientEvent = 1224;

    /// <summary>1225: the end of a large object's data never came.</summary>
    public const int NoEndOfData = 1225;

    /// <summary>1226: generic alert (DM 1.2), an asynchronous report such as the result of an Exec.</summary>
    public const int GenericAlert = 1226;

    /// <summary>Whether <paramref name="code"/> is one of the user-interaction alerts 1100–1104.</summary>
    public static bool IsUserInteraction(int code) => code is >= Display and <= MultipleChoice;
}
