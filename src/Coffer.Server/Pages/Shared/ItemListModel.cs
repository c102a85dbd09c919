using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Shared;

/// <summary>A list page of one kind of item: one page of the user's list index, searched there.</summary>
public abstract class ItemListModel(ItemIndexes indexes, DatastoreKind kind) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public int From { get; set; }

    public ItemPage Result { get; private set; } = new([], 0, 0);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await indexes.PageAsync(User.UserId(), kind, Query, From, PageSize, ct);
}
