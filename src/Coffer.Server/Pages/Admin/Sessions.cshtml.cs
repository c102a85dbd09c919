using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Admin;

/// <summary>/admin/sessions: running and recent sync sessions, filled in by wwwroot/js/admin-sessions.js from /api/admin/sessions.</summary>
public sealed class SessionsModel : PageModel
{
    public void OnGet()
    {
    }
}
