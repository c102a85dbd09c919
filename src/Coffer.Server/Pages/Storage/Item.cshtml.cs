using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Recovery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Storage;

/// <summary>One item's history: every kept version with its time and origin, and restoring any of them.</summary>
public sealed class ItemModel(ItemHistory history) : PageModel
{
    public DatastoreKind Kind { get; private set; }

    public string Id { get; private set; } = string.Empty;

    public IReadOnlyList<(ItemVersion Version, string Title)> Versions { get; private set; } = [];

    public bool Restored { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? store, string? id, bool restored = false)
    {
        if (StoreNames.Parse(store) is not { } kind || id == null)
        {
            return NotFound();
        }

        var versions = await history.VersionsAsync(User.UserId(), kind, id, HttpContext.RequestAborted);
        if (versions.Count == 0)
        {
            return NotFound();
        }

        (Kind, Id, Restored) = (kind, id, restored);
        Versions = [.. versions.Reverse().Select(v => (v, ItemTitle.Of(kind, v.ContentType, v.Content)))];
        return Page();
    }

    /// <summary>Makes <paramref name="version"/> the item's content again (as a new version; a deleted item comes back).</summary>
    public async Task<IActionResult> OnPostRestoreAsync(string? store, string id, long version)
    {
        if (StoreNames.Parse(store) is not { } kind)
        {
            return NotFound();
        }

        var versions = await history.VersionsAsync(User.UserId(), kind, id, HttpContext.RequestAborted);
        if (versions.FirstOrDefault(v => v.Version == version) is not { Deleted: false } wanted)
        {
            return NotFound();
        }

        // The item as it was just after the wanted version was written: the newest version at or before its time.
        await history.RestoreItemAsync(User.UserId(), kind, id, wanted.Time, HttpContext.RequestAborted);
        return LocalRedirect($"/storage/item?store={StoreNames.Of(kind)}&id={Uri.EscapeDataString(id)}&restored=true");
    }
}
