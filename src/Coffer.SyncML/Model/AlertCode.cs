namespace Coffer.SyncML;

/// <summary>
/// Alert codes carried in Alert/Data. Source: OMA-TS-DS_Protocol-V1_2 chapter "Alert Codes" (sync types, suspend/resume)
/// and OMA-TS-SyncML_RepPro-V1_2, element Alert (user interaction code 100).
/// </summary>
public static class AlertCode
{
    /// <summary>100: display the Item data to the user.</summary>
    public const int Display = 100;

    /// <summary>200: two-way sync (client sends its changes first).</summary>
    public const int TwoWay = 200;

    /// <summary>201: slow sync: all items are compared field by field.</summary>
    public const int SlowSync = 201;

    /// <summary>202: one-way sync from the client only.</summary>
    public const int OneWayFromClient = 202;

    /// <summary>203: refresh sync from the client only (server replaces its data).</summary>
    public const int RefreshFromClient = 203;

    /// <summary>204: one-way sync from the server only.</summary>
    public const int OneWayFromServer = 204;

    /// <summary>205: refresh sync from the server only (client replaces its data).</summary>
    public const int RefreshFromServer = 205;

    /// <summary>206: two-way sync alerted by the server (server-initiated).</summary>
    public const int TwoWayByServer = 206;

    /// <summary>207: one-way from client, alerted by the server.</summary>
    public const int OneWayFromClientByServer = 207;

    /// <summary>208: refresh from client, alerted by the server.</summary>
    public const int RefreshFromClientByServer = 208;

    /// <summary>209: one-way from server, alerted by the server.</summary>
    public const int OneWayFromServerByServer = 209;

    /// <summary>210: refresh from server, alerted by the server.</summary>
    public const int RefreshFromServerByServer = 210;

    /// <summary>221: result alert: asks the recipient for the results of an earlier request.</summary>
    public const int ResultAlert = 221;

    /// <summary>222: next message: asks for the next message of a package (nothing else to send).</summary>
    public const int NextMessage = 222;

    /// <summary>223: no end of data: a large object was interrupted (End of Data missing).</summary>
    public const int NoEndOfData = 223;

    /// <summary>224: suspend the session (OMA-TS-DS_Protocol-V1_2).</summary>
    public const int Suspend = 224;

    /// <summary>225: resume a suspended session (OMA-TS-DS_Protocol-V1_2).</summary>
    public const int Resume = 225;

    /// <summary>True for the sync-type codes 200-210 that open a datastore's synchronization.</summary>
    public static bool IsSyncType(int code) => code is >= TwoWay and <= RefreshFromServerByServer;

    /// <summary>True for the server-alerted sync types 206-210 (OMA-TS-DS_Protocol-V1_2 "Server Alerted Sync").</summary>
    public static bool IsServerAlerted(int code) => code is >= TwoWayByServer and <= RefreshFromServerByServer;
}
