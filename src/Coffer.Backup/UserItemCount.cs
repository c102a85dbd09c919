namespace Coffer.Backup;

/// <summary>One user's items in a snapshot: live items (tombstones left out) and stored versions (history included).</summary>
public sealed record UserItemCount(long UserId, string Name, long Items, long Versions);
