using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Media;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Photos;

/// <summary>The photo gallery: thumbnails, newest first, a page at a time.</summary>
public sealed class IndexModel(MediaLibrary library) : PageModel
{
    public const int PageSize = 48;

    public MediaPage Photos { get; private set; } = null!;

    public string? Deleted { get; private set; }

    public async Task OnGetAsync(int page = 1, string? deleted = null)
    {
        Deleted = deleted;
        Photos = await library.ListAsync(User.UserId(), DatastoreKind.Photos, page, PageSize, HttpContext.RequestAborted);
    }
}
