using Coffer.Server.Web;
using Coffer.Sync.Administration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Admin;

/// <summary>/admin/users: every account with its role, usage and devices; adding a user.</summary>
public sealed class UsersModel(UserAdministration users) : PageModel
{
    public IReadOnlyList<AdminUserSummary> Users { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Users = await users.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync([FromForm] string? name, [FromForm] string? password, [FromForm] bool admin, CancellationToken ct)
    {
        var result = await users.CreateAsync(User.UserName(), name ?? string.Empty, password ?? string.Empty, admin, ct);
        (Message, Failed) = (result.Message, !result.Done);
        Users = await users.ListAsync(ct);
        return Page();
    }
}
