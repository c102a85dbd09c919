using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Media;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coffer.Server.Pages.Files;

/// <summary>The files as folders: the subfolders and files of one folder (names are the paths the device sent).</summary>
public sealed class IndexModel(MediaLibrary library) : PageModel
{
    public FolderListing Listing { get; private set; } = null!;

    public string? Deleted { get; private set; }

    public async Task OnGetAsync(string? path = null, string? deleted = null)
    {
        Deleted = deleted;
        var folder = FolderListing.Normalize(path);
        Listing = FolderListing.Of(folder, await library.ListAllAsync(User.UserId(), DatastoreKind.Files, folder, HttpContext.RequestAborted));
    }
}
