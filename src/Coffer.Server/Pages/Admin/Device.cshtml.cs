using Coffer.Server.Admin;
using Coffer.Server.Dm;
using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Administration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Admin;

/// <summary>
/// /admin/devices/{id}: one device with its decoded DevInf and its device management (OMA DM: backups, firmware
/// history, jobs; ?handler=dmbackup and ?handler=dmrestore start one, audited with the administrator's name); delete.
/// </summary>
public sealed class DeviceModel(DeviceAdministration devices, ICofferStore store, DmPages dm) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public AdminDeviceSummary? Device { get; private set; }

    public string? Message { get; private set; }

    public DmDevicePanel? Dm { get; private set; }

    [TempData]
    public string? DmStarted { get; set; }

    [TempData]
    public string? DmRefused { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Device = await devices.GetAsync(Id, ct);
        if (Device == null || await RowAsync(ct) is not { } row)
        {
            return NotFound();
        }

        Dm = await dm.PanelAsync(row, $"/admin/devices/{Id}", Fmt.Time, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDmBackupAsync(CancellationToken ct) =>
        await RowAsync(ct) is { } row ? Told(await dm.BackupAsync(row, User.UserName(), ct)) : NotFound();

    public async Task<IActionResult> OnPostDmRestoreAsync([FromForm] long? snapshot, CancellationToken ct) =>
        await RowAsync(ct) is { } row ? Told(await dm.RestoreAsync(row, snapshot, User.UserName(), ct)) : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync([FromForm] bool confirm, CancellationToken ct)
    {
        if (!confirm)
        {
            Message = "Not deleted: tick the confirmation.";
            return await OnGetAsync(ct);
        }

        var result = await devices.DeleteAsync(User.UserName(), Id, ct);
        if (!result.Done)
        {
            return NotFound();
        }

        return LocalRedirect("/admin/devices");
    }

    private async Task<Device?> RowAsync(CancellationToken ct)
    {
        await using var read = await store.BeginReadAsync(ct);
        return await read.Devices.GetByIdAsync(Id, ct);
    }

    private RedirectResult Told(DmPageResult result)
    {
        if (result.Started)
        {
            DmStarted = result.Message;
        }
        else
        {
            DmRefused = result.Message;
        }

        return Redirect($"/admin/devices/{Id}");
    }
}
