using System.Globalization;
using Coffer.Server.Api;
using Coffer.Server.Dm;
using Coffer.Server.Web;
using Coffer.Sync.Notifications;
using Coffer.Sync.Settings;
using Coffer.SyncML.San;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Settings;

/// <summary>
/// The user's devices with last sync, sync type and per-datastore counts; POST to /settings/devices/ID removes one,
/// POST to /settings/devices/ID?handler=alert with kind backup or restore sends the device a notification asking for
/// it (seed 004; docs/notifications.md, "Backup and restore on request"); each device's device management (OMA DM)
/// with ?handler=dmbackup and ?handler=dmrestore (docs/web.md "Device management").
/// </summary>
public sealed class DevicesModel(UserDevices devices, AccountSettings settings, DeviceNotificationSender sender, DmPages dm, DeviceLimitOptions limits) : PageModel
{
    /// <summary>The most devices the account may have (Coffer:Devices:MaxPerUser).</summary>
    public int MaxDevices => limits.MaxPerUser;

    private TimeZoneInfo zone = TimeZoneInfo.Utc;

    public IReadOnlyList<DeviceSummary> Devices { get; private set; } = [];

    /// <summary>Each device's DM panel by its row id.</summary>
    public IReadOnlyDictionary<long, DmDevicePanel> Dm { get; private set; } = new Dictionary<long, DmDevicePanel>();

    [TempData]
    public string? Removed { get; set; }

    [TempData]
    public string? Alerted { get; set; }

    [TempData]
    public string? AlertFailed { get; set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        var all = await devices.ListAsync(User.UserId(), ct);
        Devices = id is { } one ? all.Where(d => d.Device.Id == one).ToList() : all;
        if (id != null && Devices.Count == 0)
        {
            return NotFound();
        }

        var zoneId = (await settings.GetAsync(User.UserId(), ct)).TimeZone;
        zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        var panels = new Dictionary<long, DmDevicePanel>();
        foreach (var summary in Devices)
        {
            panels[summary.Device.Id] = await dm.PanelAsync(summary.Device, $"/settings/devices/{summary.Device.Id}", Show, ct);
        }

        Dm = panels;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        var name = id is { } one ? (await devices.ListAsync(User.UserId(), ct)).FirstOrDefault(d => d.Device.Id == one)?.Device.DeviceId : null;
        if (name == null || !await devices.RemoveAsync(User.UserId(), id!.Value, ct))
        {
            return NotFound();
        }

        Removed = name;
        return Redirect("/settings/devices");
    }

    public async Task<IActionResult> OnPostAlertAsync(long? id, string? kind, CancellationToken ct)
    {
        var name = id is { } one ? (await devices.ListAsync(User.UserId(), ct)).FirstOrDefault(d => d.Device.Id == one)?.Device.DeviceId : null;
        if (name == null || !DeviceAlertKinds.TryParse(kind, out var alert))
        {
            return NotFound();
        }

        if (await sender.SendAsync(User.UserId(), name, alert, SanInitiator.User, ct) is { } error)
        {
            AlertFailed = $"{name} was not reached: {error}";
        }
        else
        {
            Alerted = $"Asked {name} for a {kind}.";
        }

        return Redirect("/settings/devices");
    }

    public async Task<IActionResult> OnPostDmBackupAsync(long? id, CancellationToken ct) =>
        await OwnAsync(id, ct) is { } device ? Told(await dm.BackupAsync(device, null, ct)) : NotFound();

    public async Task<IActionResult> OnPostDmRestoreAsync(long? id, long? snapshot, CancellationToken ct) =>
        await OwnAsync(id, ct) is { } device ? Told(await dm.RestoreAsync(device, snapshot, null, ct)) : NotFound();

    /// <summary>A time in the user's time zone.</summary>
    public string Show(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + (zone == TimeZoneInfo.Utc ? "UTC" : zone.Id);

    /// <summary>The signed-in user's device by its row id; null for another user's.</summary>
    private async Task<Coffer.Storage.Device?> OwnAsync(long? id, CancellationToken ct) =>
        id is { } one ? (await devices.ListAsync(User.UserId(), ct)).FirstOrDefault(d => d.Device.Id == one)?.Device : null;

    private RedirectResult Told(DmPageResult result)
    {
        if (result.Started)
        {
            Alerted = result.Message;
        }
        else
        {
            AlertFailed = result.Message;
        }

        return Redirect("/settings/devices");
    }
}
