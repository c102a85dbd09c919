using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Recovery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Storage;

/// <summary>The storage area (seed 000 §5.3): per datastore its saved generations, save now, and the way to recover one.</summary>
public sealed class IndexModel(StorageArea area) : PageModel
{
    public IReadOnlyList<(DatastoreKind Kind, IReadOnlyList<AreaGeneration> Generations)> Stores { get; private set; } = [];

    public string? Saved { get; private set; }

    public async Task OnGetAsync(string? saved = null)
    {
        Saved = StoreNames.Parse(saved) is { } savedKind ? StoreNames.Title(savedKind) : saved == "all" ? "everything" : null;
        var stores = new List<(DatastoreKind, IReadOnlyList<AreaGeneration>)>();
        foreach (var kind in StoreNames.All)
        {
            stores.Add((kind, await area.ListAsync(User.UserId(), kind, HttpContext.RequestAborted)));
        }

        Stores = stores;
    }

    public async Task<IActionResult> OnPostSaveAsync(string? store)
    {
        var kinds = store == "all" ? StoreNames.All : StoreNames.Parse(store) is { } one ? [one] : [];
        if (kinds.Count == 0)
        {
            return NotFound();
        }

        foreach (var kind in kinds)
        {
            await area.SaveAsync(User.UserId(), kind, ItemOrigins.Web, HttpContext.RequestAborted);
        }

        return LocalRedirect($"/storage?saved={store}");
    }
}
