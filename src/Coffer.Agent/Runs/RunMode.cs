namespace Coffer.Agent.Runs;

/// <summary>What a run does with each datastore.</summary>
public enum RunMode
{
    /// <summary>One-way from the client (202); a slow sync the first time.</summary>
    Backup,

    /// <summary>Two-way (200); a slow sync the first time.</summary>
    Sync,

    /// <summary>Refresh from the server (205) into an empty folder.</summary>
    Restore,
}
