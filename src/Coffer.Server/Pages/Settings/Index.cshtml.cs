using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Settings;

/// <summary>The user's automatic sync interval, preferred night hour, time zone and carrier.</summary>
public sealed class SettingsIndexModel(AccountSettings settings) : PageModel
{
    [BindProperty]
    public SyncInterval Interval { get; set; }

    [BindProperty]
    public int NightHour { get; set; }

    [BindProperty]
    public string TimeZone { get; set; } = "UTC";

    [BindProperty]
    public string? Carrier { get; set; }

    public string? Error { get; private set; }

    [TempData]
    public bool Saved { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = await settings.GetAsync(User.UserId(), ct);
        (Interval, NightHour, TimeZone, Carrier) = (current.SyncInterval, current.NightHour, current.TimeZone, current.Carrier);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Error = ModelState.IsValid
            ? await settings.SaveAsync(User.UserId(), new UserSettings(Interval, NightHour, TimeZone, Carrier), ct)
            : "Please choose an interval, an hour and a time zone from the lists.";
        if (Error != null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Saved = true;
        return RedirectToPage();
    }
}
