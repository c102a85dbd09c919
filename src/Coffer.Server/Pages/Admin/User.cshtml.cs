using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Administration;
using Coffer.Sync.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Admin;

/// <summary>/admin/users/{id}: one account; disable or enable, grant or revoke administration, reset the password, quota, ask a device for a backup or restore, delete.</summary>
public sealed class UserModel(UserAdministration users, AdminDeviceAlerts alerts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public AdminUserSummary? Account { get; private set; }

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) => DoAsync(users.SetDisabledAsync(Actor, Id, true, ct), ct);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) => DoAsync(users.SetDisabledAsync(Actor, Id, false, ct), ct);

    public Task<IActionResult> OnPostGrantAsync(CancellationToken ct) => DoAsync(users.SetAdminAsync(Actor, Id, true, ct), ct);

    public Task<IActionResult> OnPostRevokeAsync(CancellationToken ct) => DoAsync(users.SetAdminAsync(Actor, Id, false, ct), ct);

    public Task<IActionResult> OnPostPasswordAsync([FromForm] string? password, CancellationToken ct) =>
        DoAsync(users.ResetPasswordAsync(Actor, Id, password ?? string.Empty, ct), ct);

    public Task<IActionResult> OnPostQuotaAsync([FromForm] long? maxItems, [FromForm] long? maxBytes, CancellationToken ct) =>
        DoAsync(users.SetQuotaAsync(Actor, Id, new UserQuota(maxItems, maxBytes), ct), ct);

    public async Task<IActionResult> OnPostDeleteAsync([FromForm] string? confirm, CancellationToken ct)
    {
        var account = (await users.ListAsync(ct)).FirstOrDefault(u => u.Id == Id);
        if (account == null)
        {
            return NotFound();
        }

        if (!string.Equals(confirm?.Trim(), account.Name, StringComparison.Ordinal))
        {
            (Message, Failed) = ("Not deleted: the name typed does not match.", true);
            return await ShowAsync(ct);
        }

        var result = await users.DeleteAsync(Actor, Id, ct);
        if (!result.Done)
        {
            (Message, Failed) = (result.Message, true);
            return await ShowAsync(ct);
        }

        return LocalRedirect("/admin/users");
    }

    /// <summary>Sends one of the user's devices a server-initiated notification asking for a backup or a restore (seed 004), audited.</summary>
    public async Task<IActionResult> OnPostAlertAsync([FromForm] string? device, [FromForm] string? kind, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(device) || kind is not ("backup" or "restore") || !DeviceAlertKinds.TryParse(kind, out var alert))
        {
            (Message, Failed) = ("Not sent: give a device id and backup or restore.", true);
            return await ShowAsync(ct);
        }

        return await DoAsync(alerts.RequestAsync(Actor, Id, device.Trim(), alert, ct), ct);
    }

    private string Actor => User.UserName();

    private async Task<IActionResult> DoAsync(Task<AdminResult> action, CancellationToken ct)
    {
        var result = await action;
        (Message, Failed) = (result.Message, !result.Done);
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Account = (await users.ListAsync(ct)).FirstOrDefault(u => u.Id == Id);
        return Account == null ? NotFound() : Page();
    }
}
