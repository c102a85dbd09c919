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
}
