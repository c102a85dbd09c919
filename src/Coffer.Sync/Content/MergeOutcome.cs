namespace Coffer.Sync.Content;

/// <summary>How a device's change met the server copy; decides the Status sent back (OMA-TS-DS_Protocol-V1_2 §6.9).</summary>
public enum MergeOutcome
{
    /// <summary>No conflict: the server copy had not changed since the device saw it (200).</summary>
    Applied,

    /// <summary>Both changed, different fields: merged (207).</summary>
    Merged,

    /// <summary>Both changed the same field; the device's value won (208).</summary>
    DeviceWon,

    /// <summary>Both changed the same field; the server's value won (419).</summary>
    ServerWon,
}
