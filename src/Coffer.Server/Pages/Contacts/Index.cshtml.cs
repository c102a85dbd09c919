using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Contacts;

/// <summary>The contact list: one page of the user's in-memory list index (<see cref="ItemIndexes"/>), searched there.</summary>
public sealed class IndexModel(ItemIndexes indexes) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public int From { get; set; }

    public ItemPage Result { get; private set; } = new([], 0, 0);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await indexes.PageAsync(User.UserId(), DatastoreKind.Contacts, Query, From, PageSize, ct);
}
