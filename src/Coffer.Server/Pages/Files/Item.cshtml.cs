using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Media;

namespace Coffer.Server.Pages.Files;

/// <summary>One file: its details (a rendering when it is an image), download and delete.</summary>
public sealed class ItemModel(MediaLibrary library, Thumbnails thumbnails) : MediaItemPageModel(library, thumbnails)
{
    protected override DatastoreKind Kind => DatastoreKind.Files;

    protected override string ListPath => "/files";
}
