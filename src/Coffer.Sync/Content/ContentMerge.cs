using Coffer.Formats.Merge;

namespace Coffer.Sync.Content;

/// <summary>Maps a field-level merge onto the engine's <see cref="MergeResult"/> (OMA-TS-DS_Protocol-V1_2 §6.9 statuses).</summary>
internal static class ContentMerge
{
    public static MergePolicy Policy(ConflictPolicy policy) =>
        policy == ConflictPolicy.ServerWins ? MergePolicy.ServerWins : MergePolicy.DeviceWins;

    public static MergeResult Result<T>(FieldMergeResult<T> merged, string text)
    {
        MergeOutcome outcome;
        if (merged.HasConflicts)
        {
            outcome = merged.Conflicts.Any(c => c.DeviceWon) ? MergeOutcome.DeviceWon : MergeOutcome.ServerWon;
        }
        else if (merged.ServerChanged && merged.DeviceChanged)
        {
            // Both sides changed, different fields: both survive (207). Without a base: both sides contributed fields.
            outcome = MergeOutcome.Merged;
        }
        else
        {
            outcome = MergeOutcome.Applied;
        }

        return new MergeResult(text, outcome, merged.DeviceNeedsUpdate);
    }

    /// <summary>
    /// As <see cref="Result{T}(FieldMergeResult{T}, string)"/>, but when the merged copy holds nothing the server copy
    /// lacks (<paramref name="differsFromServer"/> false: only volatile bookkeeping such as DTSTAMP or REV differs) the
    /// server copy is kept byte for byte. Clients stamp DTSTAMP with the send time (RFC 5545 §3.8.7.2; SyncEvolution
    /// does on every item it sends), so a slow-sync twin or an unchanged Replace would otherwise become a new version
    /// that every other device is sent again.
    /// </summary>
    public static MergeResult Result<T>(FieldMergeResult<T> merged, string text, string serverText, bool differsFromServer)
    {
        var result = Result(merged, text);
        return differsFromServer ? result : result with { Text = serverText };
    }
}
