using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Settings;

/// <summary>The user's personal API tokens: create (shown once), list, revoke (POST /settings/tokens/ID).</summary>
public sealed class TokensModel(ApiTokens tokens) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public string? NewToken { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        Tokens = await tokens.ListAsync(User.UserId(), ct);
        return id == null ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        if (id is { } revoke)
        {
            return await tokens.RevokeAsync(User.UserId(), revoke, ct) ? Redirect("/settings/tokens") : NotFound();
        }

        var created = await tokens.CreateAsync(User.UserId(), (Name ?? string.Empty)[..Math.Min(100, Name?.Length ?? 0)], ct);
        NewToken = created?.Secret;
        Tokens = await tokens.ListAsync(User.UserId(), ct);
        return Page();
    }
}
