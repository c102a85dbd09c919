namespace Coffer.Formats.Merge;

/// <summary>Who wins when the same field changed on both sides since the last sync (seed 000 §4.3).</summary>
public enum MergePolicy
{
    /// <summary>The device's value wins (OMA-TS-DS_Protocol-V1_2 §6.9, status 208).</summary>
    DeviceWins,

    /// <summary>The server's value wins (status 419).</summary>
    ServerWins,
}
