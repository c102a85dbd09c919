using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Media;
using Microsoft.Net.Http.Headers;

namespace Coffer.Server.Api;

/// <summary>
/// /api/mail, /api/sms, /api/photos and /api/files (docs/api.md, "Mail, SMS, photos and files"): listings newest
/// first with paging, one item's description, its content streamed with ranges, a JPEG thumbnail, delete. Wiring only,
/// over <see cref="MediaLibrary"/> and <see cref="Thumbnails"/>, always on the authenticated user's own datastore.
/// </summary>
public static class MediaApiEndpoints
{
    private const int MaxPageSize = 500;

    public static void MapCofferMediaApi(this RouteGroupBuilder api)
    {
        foreach (var kind in new[] { DatastoreKind.Mail, DatastoreKind.Sms, DatastoreKind.Photos, DatastoreKind.Files })
        {
            var group = api.MapGroup("/" + StoreNames.Of(kind));
            group.MapGet("/", async (HttpContext http, MediaLibrary library, int? page, int? pageSize) =>
            {
                var listed = await library.ListAsync(ApiUser.Of(http).Id, kind, page ?? 1, Math.Clamp(pageSize ?? 50, 1, MaxPageSize), http.RequestAborted);
                return Results.Ok(new { page = listed.Page, pageSize = listed.PageSize, total = listed.Total, items = listed.Items.Select(Json) });
            });
            group.MapGet("/{id}", async (HttpContext http, string id, MediaLibrary library) =>
                await library.GetAsync(ApiUser.Of(http).Id, kind, id, http.RequestAborted) is { } item ? Results.Ok(Json(item)) : Results.NotFound());
            group.MapGet("/{id}/content", async (HttpContext http, string id, MediaLibrary library) =>
            {
                if (await library.OpenAsync(ApiUser.Of(http).Id, kind, id, http.RequestAborted) is not var (item, content))
                {
                    return Results.NotFound();
                }

                http.Response.Headers.CacheControl = "private, no-cache";
                return Results.Stream(content, item.MediaType, item.FileName, item.Modified, new EntityTagHeaderValue($"\"{item.Id}-{item.Version}\""), enableRangeProcessing: true);
            });
            group.MapGet("/{id}/thumbnail", async (HttpContext http, string id, string? size, Thumbnails thumbnails) =>
            {
                var box = string.Equals(size, "large", StringComparison.OrdinalIgnoreCase) ? ThumbnailSize.Large : ThumbnailSize.Small;
                if (await thumbnails.GetAsync(ApiUser.Of(http).Id, kind, id, box, http.RequestAborted) is not var (item, made))
                {
                    return Results.NotFound();
                }

                if (made == null)
                {
                    return Results.Problem("the item is no image Coffer can render", statusCode: StatusCodes.Status404NotFound);
                }

                http.Response.Headers.CacheControl = "private, max-age=86400";
                return Results.File(made, "image/jpeg", lastModified: item.Modified, entityTag: new EntityTagHeaderValue($"\"{item.Id}-{item.Version}-{(int)box}\""));
            });
            group.MapDelete("/{id}", async (HttpContext http, string id, MediaLibrary library) =>
                await library.DeleteAsync(ApiUser.Of(http).Id, kind, id, http.RequestAborted) ? Results.NoContent() : Results.NotFound());
        }
    }

    private static object Json(MediaItem item) => new
    {
        id = item.Id,
        name = item.Name,
        mediaType = item.MediaType,
        size = item.Size,
        modified = item.Modified,
        version = item.Version,
    };
}
