namespace Coffer.Sync;

/// <summary>
/// The rule for a real conflict (the same field changed on both sides). Different fields are always merged
/// (status 207). The losing version always stays in the item's history, so nothing is lost either way.
/// </summary>
public enum ConflictPolicy
{
    /// <summary>The device's value wins (status 208, OMA-TS-DS_Protocol-V1_2 §6.9 "Conflict resolved with client's command winning").</summary>
    ClientWins,

    /// <summary>The server's value wins (status 419, "Conflict; server data wins"); the device is sent the server version.</summary>
    ServerWins,
}
