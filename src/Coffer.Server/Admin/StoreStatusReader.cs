using Coffer.Backup;
using Coffer.Server.Backup;
using Coffer.Storage.Providers;
using Coffer.Sync.Administration;

namespace Coffer.Server.Admin;

/// <summary>Puts the store's size, its users' usage and the daily backup's last outcome together.</summary>
public sealed class StoreStatusReader(StoreLocation location, UserAdministration users, DailyBackupService backup, BackupOptions backupOptions)
{
    public async Task<StoreStatus> ReadAsync(CancellationToken ct)
    {
        var list = await users.ListAsync(ct);
        var size = await StoreSize.MeasureAsync(location.Provider, location.ConnectionString, location.DataDir, ct);
        var last = backup.LastResult;
        return new StoreStatus(
            location.Provider == StoreProvider.Postgres ? "PostgreSQL" : "SQLite",
            size,
            list.Count,
            list.Sum(u => u.Usage.Items),
            list.Sum(u => u.Usage.Bytes),
            backupOptions.HasTarget,
            backup.LastRun,
            backup.LastRun == null ? null : backup.LastError == null,
            backup.LastError,
            last?.Manifest.Id,
            last?.Manifest.TotalItems,
            last?.Manifest.StoredBytes,
            backup.NextRunAt);
    }
}
