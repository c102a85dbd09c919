namespace Coffer.Storage;

/// <summary>How often a user's phones are asked to sync on their own. Stored by value: never renumber.</summary>
public enum SyncInterval
{
    None = 0,
    Daily = 1,
    Weekly = 2,
}
