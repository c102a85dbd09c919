using Coffer.Server.Web;
using Coffer.Sync;
using Coffer.Sync.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Account;

/// <summary>
/// Sign-in with the sync account, checked exactly as a sync login (<see cref="AccountLogin"/>: the same PBKDF2 cost for
/// unknown users, the same per-account and per-address throttle), so the page is no cheaper a way to guess passwords.
/// </summary>
public sealed class SignInModel(AccountLogin login, SyncServerOptions options) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (account, check) = await login.LoginAsync(UserName, Password, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        switch (check)
        {
            case PasswordCheck.Right:
                await HttpContext.SignInAsync(WebSetup.CookieScheme, WebUser.Principal(account!.Id, account.Name, account.Admin));
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case PasswordCheck.Blocked:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                var minutes = Math.Max(1, (int)Math.Ceiling(options.FailedLoginWindow.TotalMinutes));
                Error = $"Too many failed sign-ins for this account or address. Try again in {minutes} minutes.";
                return Page();
            case PasswordCheck.Disabled:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                Error = "This account is disabled. Ask the server's administrator to enable it.";
                return Page();
            default:
                await Task.Delay(options.FailedLoginDelay, ct);
                Response.StatusCode = StatusCodes.Status401Unauthorized;
                Error = "Wrong user name or password.";
                return Page();
        }
    }
}
