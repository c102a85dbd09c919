using Coffer.Sync.Administration;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Admin;

/// <summary>/admin/devices: every user's devices.</summary>
public sealed class DevicesModel(DeviceAdministration devices) : PageModel
{
    public IReadOnlyList<AdminDeviceSummary> Devices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Devices = await devices.ListAsync(ct);
}
