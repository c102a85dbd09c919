using Coffer.Server.Web;
using Coffer.Sync.Administration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Admin;

/// <summary>/admin/devices/{id}: one device with its decoded DevInf; delete.</summary>
public sealed class DeviceModel(DeviceAdministration devices) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public AdminDeviceSummary? Device { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Device = await devices.GetAsync(Id, ct);
        return Device == null ? NotFound() : Page();
    }

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
}
