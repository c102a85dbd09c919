using Coffer.Storage;
using Coffer.Sync.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace Coffer.Server.Web;

/// <summary>
/// The page of one photo or file (/photos/{id}, /files/{id}): its description, and the handlers every such page has —
/// download (streamed from the blob store, with ranges), thumbnails and delete. Wiring only: <see cref="MediaLibrary"/>
/// and <see cref="Thumbnails"/> do the work, always for the signed-in user's own datastore.
/// </summary>
public abstract class MediaItemPageModel(MediaLibrary library, Thumbnails thumbnails) : PageModel
{
    /// <summary>Shown when the item is no image Coffer can render.</summary>
    private static readonly string PlaceholderPath = Path.Combine(AppContext.BaseDirectory, "wwwroot", "img", "file.svg");

    public MediaItem Item { get; private set; } = null!;

    protected abstract DatastoreKind Kind { get; }

    /// <summary>Where the listing of this kind is.</summary>
    protected abstract string ListPath { get; }

    public virtual async Task<IActionResult> OnGetAsync(string id)
    {
        var item = await library.GetAsync(User.UserId(), Kind, id, HttpContext.RequestAborted);
        if (item == null)
        {
            return NotFound();
        }

        Item = item;
        return Page();
    }

    /// <summary>The content as an attachment, streamed chunk by chunk; Range requests are answered from the seekable blob stream.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string id)
    {
        if (await library.OpenAsync(User.UserId(), Kind, id, HttpContext.RequestAborted) is not var (item, content))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-cache";
        return new FileStreamResult(content, item.MediaType)
        {
            FileDownloadName = item.FileName,
            LastModified = item.Modified,
            EntityTag = new EntityTagHeaderValue($"\"{item.Id}-{item.Version}\""),
            EnableRangeProcessing = true,
        };
    }

    /// <summary>A JPEG rendering (size "small" for tiles, "large" for viewing); a placeholder picture when the item is no renderable image.</summary>
    public async Task<IActionResult> OnGetThumbnailAsync(string id, string? size)
    {
        var box = string.Equals(size, "large", StringComparison.OrdinalIgnoreCase) ? ThumbnailSize.Large : ThumbnailSize.Small;
        if (await thumbnails.GetAsync(User.UserId(), Kind, id, box, HttpContext.RequestAborted) is not var (item, made))
        {
            return NotFound();
        }

        // The URL names the item's version (v=), so a browser may keep what it got; only this user's browser.
        Response.Headers.CacheControl = "private, max-age=86400";
        return made == null
            ? PhysicalFile(PlaceholderPath, "image/svg+xml")
            : new FileContentResult(made, "image/jpeg") { LastModified = item.Modified, EntityTag = new EntityTagHeaderValue($"\"{item.Id}-{item.Version}-{(int)box}\"") };
    }

    /// <summary>Deletes the item (every device deletes it at its next sync; it stays in the trash of /storage).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string id)
    {
        var item = await library.GetAsync(User.UserId(), Kind, id, HttpContext.RequestAborted);
        if (item == null || !await library.DeleteAsync(User.UserId(), Kind, id, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        return LocalRedirect($"{ListPath}?deleted={Uri.EscapeDataString(item.FileName)}");
    }
}
