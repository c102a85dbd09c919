using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Media;

namespace Coffer.Server.Pages.Photos;

/// <summary>One photo: a screen-sized rendering, its details, download and delete.</summary>
public sealed class ItemModel(MediaLibrary library, Thumbnails thumbnails) : MediaItemPageModel(library, thumbnails)
{
    protected override DatastoreKind Kind => DatastoreKind.Photos;

    protected override string ListPath => "/photos";
}
