using Coffer.Server.Web;
using Coffer.Storage;
using Microsoft.AspNetCore.Authentication;
using Coffer.Sync.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Settings;

/// <summary>
/// Changing the account's password: the current one is asked and checked as a login (same throttle). Every other web
/// session of the account ends; this one gets a new cookie.
/// </summary>
public sealed class PasswordModel(PasswordChange change, ICofferStore store) : PageModel
{
    [BindProperty]
    public string Current { get; set; } = string.Empty;

    [BindProperty]
    public string Replacement { get; set; } = string.Empty;

    [BindProperty]
    public string Confirmation { get; set; } = string.Empty;

    public string? Error { get; private set; }

    [TempData]
    public bool Changed { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Replacement != Confirmation)
        {
            return Refused(StatusCodes.Status400BadRequest, "The new password and its repetition differ.");
        }

        switch (await change.ChangeAsync(User.UserId(), Current ?? string.Empty, Replacement ?? string.Empty, HttpContext.Connection.RemoteIpAddress?.ToString(), ct))
        {
            case PasswordChangeResult.Changed:
                await StaySignedInAsync(ct);
                Changed = true;
                return RedirectToPage();
            case PasswordChangeResult.TooShort:
                return Refused(StatusCodes.Status400BadRequest, $"The new password needs at least {PasswordChange.MinLength} characters.");
            case PasswordChangeResult.Blocked:
                return Refused(StatusCodes.Status429TooManyRequests, "Too many wrong passwords; try again in a few minutes.");
            default:
                return Refused(StatusCodes.Status400BadRequest, "The current password is wrong.");
        }
    }

    private async Task StaySignedInAsync(CancellationToken ct)
    {
        UserAccount? account;
        await using (var read = await store.BeginReadAsync(ct))
        {
            account = await read.Users.GetAsync(User.UserId(), ct);
        }

        if (account != null)
        {
            await HttpContext.SignInAsync(WebSetup.CookieScheme, WebUser.SignedIn(account));
        }
    }

    private PageResult Refused(int status, string error)
    {
        Response.StatusCode = status;
        Error = error;
        return Page();
    }
}
