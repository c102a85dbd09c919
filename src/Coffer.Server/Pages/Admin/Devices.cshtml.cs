using Coffer.Server.Api;
using Coffer.Sync.Administration;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Admin;

/// <summary>/admin/devices: every user's devices.</summary>
public sealed class DevicesModel(DeviceAdministration devices, DeviceLimitOptions limits) : PageModel
{
    /// <summary>The most devices one user may register through the API (Coffer:Devices:MaxPerUser).</summary>
    public int MaxPerUser => limits.MaxPerUser;

    public IReadOnlyList<AdminDeviceSummary> Devices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Devices = await devices.ListAsync(ct);
}
