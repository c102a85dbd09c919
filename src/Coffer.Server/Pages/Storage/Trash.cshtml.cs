using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Recovery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Storage;

/// <summary>The trash: deleted items that the history can still bring back, most recently deleted first.</summary>
public sealed class TrashModel(ItemHistory history) : PageModel
{
    public IReadOnlyList<(DatastoreKind Kind, DeletedItem Item, string Title)> Items { get; private set; } = [];

    public string? Restored { get; private set; }

    public async Task OnGetAsync(string? restored = null)
    {
        Restored = restored;
        var found = new List<(DatastoreKind, DeletedItem, string)>();
        foreach (var kind in StoreNames.All)
        {
            foreach (var item in await history.ListDeletedAsync(User.UserId(), kind, 200, HttpContext.RequestAborted))
            {
                found.Add((kind, item, ItemTitle.Of(kind, item.LastVersion.ContentType, item.LastVersion.Content)));
            }
        }

        Items = [.. found.OrderByDescending(f => f.Item2.DeletedAt).Take(200)];
    }

    /// <summary>Brings the item back at its last live version (every phone gets it at its next sync).</summary>
    public async Task<IActionResult> OnPostRestoreAsync(string? store, string id)
    {
        if (StoreNames.Parse(store) is not { } kind)
        {
            return NotFound();
        }

        try
        {
            await history.RestoreItemAsync(User.UserId(), kind, id, null, HttpContext.RequestAborted);
        }
        catch (RecoveryException)
        {
            return NotFound();
        }

        return LocalRedirect($"/storage/trash?restored={Uri.EscapeDataString(id)}");
    }
}
