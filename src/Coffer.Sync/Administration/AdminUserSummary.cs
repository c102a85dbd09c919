using Coffer.Storage;

namespace Coffer.Sync.Administration;

/// <summary>A user as the administration list shows it: the account's flags, quota, usage and devices.</summary>
public sealed record AdminUserSummary(
    long Id,
    string Name,
    bool Admin,
    bool Disabled,
    DateTimeOffset Created,
    UserQuota Quota,
    StorageUsage Usage,
    int Devices,
    DateTimeOffset? LastSync);
