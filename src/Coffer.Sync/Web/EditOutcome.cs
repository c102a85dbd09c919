namespace Coffer.Sync.Web;

/// <summary>What became of an edit.</summary>
public enum EditOutcome
{
    Saved,

    /// <summary>The item changed since the version the edit was made on (a phone synced meanwhile).</summary>
    Changed,

    /// <summary>The user has no such item (any more).</summary>
    Missing,
}
