namespace Coffer.Sync.AppData;

/// <summary>A change set that does not apply to the stored copy; <see cref="Status"/> is the item's SyncML status.</summary>
public sealed class ChangeSetRejectedException(int status, string message, Exception? inner = null) : Exception(message, inner)
{
    public int Status { get; } = status;
}
