using Coffer.Server.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Account;

/// <summary>Ends the web session (a POST with the antiforgery token, so another site cannot sign a user out).</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebSetup.CookieScheme);
        return LocalRedirect("/account/signin");
    }
}
