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
public sealed class SignInModel(AccountLogin login, SyncServerOptions options, TimeProvider time) : PageModel
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
                await HttpContext.SignInAsync(WebSetup.CookieScheme, WebUser.SignedIn(account!));
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case PasswordCheck.Blocked:
                // The throttle's buckets give back one attempt per window / allowance: that is when a retry can pass.
                var wait = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(options.FailedLoginWindow.TotalSeconds / Math.Max(1, options.FailedLoginsPerAccount))));
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var until = time.GetUtcNow().Add(wait).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                Error = wait.TotalSeconds < 90
                    ? $"Too many failed sign-ins for this account or address. Try again in {(int)wait.TotalSeconds} seconds (after {until} UTC)."
                    : $"Too many failed sign-ins for this account or address. Try again in {(int)Math.Ceiling(wait.TotalMinutes)} minutes (after {until} UTC).";
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
