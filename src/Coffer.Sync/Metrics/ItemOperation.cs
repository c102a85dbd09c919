namespace Coffer.Sync.Metrics;

/// <summary>Item-level SyncML operations (OMA-TS-DS_Protocol-V1_2 §6.x; label "operation").</summary>
public enum ItemOperation
{
    Add,
    Replace,
    Delete,

    /// <summary>An item whose change was refused (conflict lost, bad data, quota).</summary>
    Reject,
}
