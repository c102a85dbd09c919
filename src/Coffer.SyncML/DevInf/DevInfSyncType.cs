namespace Coffer.SyncML.DevInf;

/// <summary>
/// <c>SyncCap/SyncType</c> values (OMA-TS-DS_DevInf-V1_2 §5, "SyncType"; the same codes in SyncML DevInf 1.1).
/// Values above 7 are vendor extensions (SyncEvolution sends 390001).
/// </summary>
public static class DevInfSyncType
{
    /// <summary>Two-way sync (Alert 200).</summary>
    public const int TwoWay = 1;

    /// <summary>Slow two-way sync (Alert 201).</summary>
    public const int Slow = 2;

    /// <summary>One-way sync from client only (Alert 202).</summary>
    public const int OneWayFromClient = 3;

    /// <summary>Refresh sync from client only (Alert 203).</summary>
    public const int RefreshFromClient = 4;

    /// <summary>One-way sync from server only (Alert 204).</summary>
    public const int OneWayFromServer = 5;

    /// <summary>Refresh sync from server only (Alert 205).</summary>
    public const int RefreshFromServer = 6;

    /// <summary>Server Alerted Sync (Alerts 206-210, see <see cref="San.SanCodec"/>).</summary>
    public const int ServerAlerted = 7;
}
