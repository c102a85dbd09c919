using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages;

/// <summary>The signed-in user's start page.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
