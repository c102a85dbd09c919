namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// The sync modes a client can start (OMA-TS-DS_Protocol-V1_2 §4 / §5: Alert codes 200-205).
/// The Alert code the client sends depends on <see cref="PhoneOptions.EnableRefreshSync"/> for the
/// from-server modes: without it SyncEvolution sends 200/201 and acts locally.
/// </summary>
public enum SyncMode
{
    /// <summary>Alert 200 (201 on the first sync).</summary>
    TwoWay,

    /// <summary>Alert 201.</summary>
    Slow,

    /// <summary>Alert 202.</summary>
    OneWayFromClient,

    /// <summary>Alert 203.</summary>
    RefreshFromClient,

    /// <summary>Alert 204 with enableRefreshSync, else 200.</summary>
    OneWayFromServer,

    /// <summary>Alert 205 with enableRefreshSync, else 201 after wiping local data.</summary>
    RefreshFromServer,
}
