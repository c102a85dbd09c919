namespace Coffer.Agent.Profile;

/// <summary>One element of a profile restore: a file (or an app of the list, <c>apps/apps.json#ID</c>), what it is, and why it was skipped (null: restored).</summary>
public sealed record RestoredEntry(string Path, ProfilePart Part, string? Skipped = null)
{
    public bool Restored => Skipped == null;
}
