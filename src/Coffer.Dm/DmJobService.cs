using Coffer.Storage;
using Coffer.SyncML.Auth;

namespace Coffer.Dm;

/// <summary>
/// Device management outside sessions: enrollment, the device overview, starting a backup or a restore. The hosts'
/// JSON API (the user's own devices, and the administrators') calls it; each new job and administrator request goes
/// to the audit log.
/// </summary>
public sealed class DmJobService(ICofferStore store, DmServerOptions options)
{
    /// <summary>New DM credentials for a device (replacing earlier ones). The secrets are returned here only.</summary>
    public async Task<DmEnrollment> EnrollAsync(Device device, string serverUrl, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        var clientName = "dm-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10));
        var clientSecret = AuthNonce.Generate(24);
        var serverSecret = AuthNonce.Generate(24);
        await using var uow = await store.BeginAsync(ct).ConfigureAwait(false);
        await uow.DmAccounts.SetAsync(device.UserId, device.Id, clientName, Md5Auth.CredentialHash(clientName, clientSecret), serverSecret, ct).ConfigureAwait(false);
        await uow.CommitAsync(ct).ConfigureAwait(false);
        return new DmEnrollment(options.ServerId, serverUrl, clientName, clientSecret, serverSecret);
    }

    public async Task<DmDeviceOverview> OverviewAsync(long deviceId, CancellationToken ct = default)
    {
        await using var read = await store.BeginReadAsync(ct).ConfigureAwait(false);
        var enrolled = await read.DmAccounts.GetAsync(deviceId, ct).ConfigureAwait(false) != null;
        var backups = await read.DmSnapshots.ListAsync(deviceId, ct).ConfigureAwait(false);
        var jobs = await read.DmJobs.ListAsync(deviceId, ct).ConfigureAwait(false);
        var firmware = new List<DmFirmwareRecord>();
        foreach (var backup in backups.Reverse())
        {
            if (firmware.Count == 0 || firmware[^1].Firmware != backup.Firmware)
            {
                firmware.Add(new DmFirmwareRecord(backup.Firmware, backup.Taken));
            }
        }

        return new DmDeviceOverview(enrolled, backups.Count > 0 ? backups[0] : null, firmware, backups, jobs);
    }

    /// <summary>A backup job for the device; <paramref name="actor"/> names the administrator who asked, null for the owner.</summary>
    public async Task<DmJob> StartBackupAsync(long deviceId, string? actor, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct).ConfigureAwait(false);
        var job = await uow.DmJobs.CreateAsync(deviceId, DmJobKind.Backup, null, ct).ConfigureAwait(false);
        await uow.AuditLog.AppendAsync(actor ?? "owner", "dm.backup", $"device {deviceId}", $"job {job.Id}", ct).ConfigureAwait(false);
        await uow.CommitAsync(ct).ConfigureAwait(false);
        return job;
    }

    /// <summary>
    /// A restore job onto <paramref name="deviceId"/> from a backup of <paramref name="sourceDeviceId"/> (the newest
    /// when <paramref name="snapshot"/> is null); null when that device has no such backup.
    /// </summary>
    public async Task<DmJob?> StartRestoreAsync(long deviceId, long sourceDeviceId, long? snapshot, string? actor, CancellationToken ct = default)
    {
        await using var uow = await store.BeginAsync(ct).ConfigureAwait(false);
        var backups = await uow.DmSnapshots.ListAsync(sourceDeviceId, ct).ConfigureAwait(false);
        var source = snapshot is { } id ? backups.FirstOrDefault(b => b.Id == id) : backups.FirstOrDefault();
        if (source == null)
        {
            return null;
        }

        var job = await uow.DmJobs.CreateAsync(deviceId, DmJobKind.Restore, source.Id, ct).ConfigureAwait(false);
        await uow.AuditLog.AppendAsync(actor ?? "owner", "dm.restore", $"device {deviceId}", $"job {job.Id} from device {sourceDeviceId} backup {source.Id} (firmware {source.Firmware})", ct).ConfigureAwait(false);
        await uow.CommitAsync(ct).ConfigureAwait(false);
        return job;
    }
}
