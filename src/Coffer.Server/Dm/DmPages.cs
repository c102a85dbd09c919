using Coffer.Dm;
using Coffer.Storage;
using Coffer.SyncML.San;

namespace Coffer.Server.Dm;

/// <summary>
/// Device management for the web pages: the panel of a device, and backup and restore requests. The pages check who
/// may act on the device (the owner, or an administrator named as <c>actor</c>, audited by <see cref="DmJobService"/>
/// as the JSON API is); a restore's backup always comes from a device of the same user.
/// </summary>
public sealed class DmPages(ICofferStore store, DmJobService dm, DmJobNotifier notifier)
{
    public async Task<DmDevicePanel> PanelAsync(Device device, string action, Func<DateTimeOffset, string> time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        var overview = await dm.OverviewAsync(device.Id, ct);
        return new DmDevicePanel(device, overview, FirmwareRuns(overview.Backups), await SourcesAsync(device.UserId, ct), action, time);
    }

    /// <summary>Starts a DM backup; the message for the page.</summary>
    public async Task<DmPageResult> BackupAsync(Device device, string? actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (await NotEnrolledAsync(device, ct) is { } refusal)
        {
            return refusal;
        }

        var job = await dm.StartBackupAsync(device.Id, actor, ct);
        await notifier.NotifyAsync(device.Id, actor == null ? SanInitiator.User : SanInitiator.Server, ct);
        return new DmPageResult(true, $"DM backup of {device.DeviceId} requested (job {job.Id}): it runs at the device's next DM session, once the user consents.");
    }

    /// <summary>Starts a DM restore onto <paramref name="device"/> from the backup <paramref name="snapshot"/> of a device of the same user.</summary>
    public async Task<DmPageResult> RestoreAsync(Device device, long? snapshot, string? actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (await NotEnrolledAsync(device, ct) is { } refusal)
        {
            return refusal;
        }

        var source = (await SourcesAsync(device.UserId, ct)).FirstOrDefault(s => s.Backup.Id == snapshot);
        if (source == null)
        {
            return new DmPageResult(false, "Choose a DM backup of one of the user's devices to restore from.");
        }

        if (await dm.StartRestoreAsync(device.Id, source.Backup.DeviceId, source.Backup.Id, actor, ct) is not { } job)
        {
            return new DmPageResult(false, $"{source.DeviceId} has no such DM backup.");
        }

        await notifier.NotifyAsync(device.Id, actor == null ? SanInitiator.User : SanInitiator.Server, ct);
        return new DmPageResult(true, $"DM restore onto {device.DeviceId} from {source.DeviceId}'s backup of {Admin.Fmt.Time(source.Backup.Taken)} requested (job {job.Id}).");
    }

    /// <summary>Consecutive backups with the same firmware make one run; newest first.</summary>
    public static IReadOnlyList<DmFirmwareRun> FirmwareRuns(IReadOnlyList<DmSnapshot> backups)
    {
        ArgumentNullException.ThrowIfNull(backups);
        var runs = new List<DmFirmwareRun>();
        foreach (var backup in backups.OrderBy(b => b.Taken).ThenBy(b => b.Id))
        {
            if (runs.Count > 0 && runs[^1].Firmware == backup.Firmware)
            {
                runs[^1] = runs[^1] with { LastSeen = backup.Taken };
            }
            else
            {
                runs.Add(new DmFirmwareRun(backup.Firmware, backup.Taken, backup.Taken));
            }
        }

        runs.Reverse();
        return runs;
    }

    private async Task<DmPageResult?> NotEnrolledAsync(Device device, CancellationToken ct)
    {
        await using var read = await store.BeginReadAsync(ct);
        return await read.DmAccounts.GetAsync(device.Id, ct) == null
            ? new DmPageResult(false, NotEnrolled(device))
            : null;
    }

    /// <summary>Why no DM job is made for a device without a DM account: the pages and the JSON API both refuse with it.</summary>
    public static string NotEnrolled(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return $"{device.DeviceId} has no DM account: enroll it first (coffer-agent dm enroll on the device).";
    }

    private async Task<IReadOnlyList<DmRestoreSource>> SourcesAsync(long userId, CancellationToken ct)
    {
        await using var read = await store.BeginReadAsync(ct);
        var sources = new List<DmRestoreSource>();
        foreach (var device in await read.Devices.ListAsync(userId, ct))
        {
            foreach (var backup in await read.DmSnapshots.ListAsync(device.Id, ct))
            {
                sources.Add(new DmRestoreSource(device.DeviceId, backup));
            }
        }

        return sources;
    }
}
