using System.Globalization;
using System.Text;
using Coffer.Formats;
using Coffer.Storage;
using Coffer.Sync.Quotas;
using Coffer.Sync.Web;
using Microsoft.Net.Http.Headers;

namespace Coffer.Server.Api;

/// <summary>
/// /api/contacts, /api/events, /api/tasks, /api/notes (docs/api.md): a list searched and paged on the list index the
/// pages use, and get, create, update, delete of one item through <see cref="WebItems"/>. An item's version is its
/// ETag; If-Match on PUT and DELETE refuses (412) a change to an item a phone changed meanwhile. Wiring only.
/// </summary>
public static class PimApiEndpoints
{
    public const int DefaultLimit = 50;

    public static void MapPimItems(this RouteGroupBuilder api)
    {
        Map(api, "/contacts", DatastoreKind.Contacts);
        Map(api, "/events", DatastoreKind.Events);
        Map(api, "/tasks", DatastoreKind.Tasks);
        Map(api, "/notes", DatastoreKind.Notes);
    }

    private static void Map(RouteGroupBuilder api, string path, DatastoreKind kind)
    {
        var group = api.MapGroup(path);
        group.MapGet("/", async (HttpContext http, string? q, int? offset, int? limit, ItemIndexes indexes) =>
        {
            var page = await indexes.PageAsync(ApiUser.Of(http).Id, kind, q, offset ?? 0, limit ?? DefaultLimit, http.RequestAborted);
            return Results.Ok(new
            {
                total = page.Total,
                offset = page.Offset,
                items = page.Items.Select(i => new { id = i.Id, version = i.Version, title = i.Title, detail = i.Detail, modified = i.Modified }),
            });
        });
        group.MapGet("/{id}", async (HttpContext http, string id, WebItems items) =>
        {
            if (await items.GetAsync(ApiUser.Of(http).Id, kind, id, http.RequestAborted) is not { } item)
            {
                return Results.NotFound();
            }

            http.Response.Headers.ETag = ETag(item.Version);
            return Results.Ok(Json(item));
        });
        group.MapPost("/", async (HttpContext http, WebItems items) =>
        {
            try
            {
                var added = await items.AddAsync(ApiUser.Of(http).Id, kind, http.Request.ContentType, await BodyAsync(http), http.RequestAborted);
                http.Response.Headers.ETag = ETag(added.Version);
                return Results.Created($"{ApiEndpoints.Prefix}{path}/{added.Id}", Json(added));
            }
            catch (QuotaFullException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status507InsufficientStorage);
            }
            catch (PimFormatException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status415UnsupportedMediaType);
            }
        });
        group.MapPut("/{id}", async (HttpContext http, string id, WebItems items) =>
        {
            if (!TryIfMatch(http, out var expected))
            {
                return Results.Problem("If-Match must be the item's ETag (\"version\")", statusCode: StatusCodes.Status400BadRequest);
            }

            var userId = ApiUser.Of(http).Id;
            try
            {
                var content = await BodyAsync(http);
                if (await items.GetAsync(userId, kind, id, http.RequestAborted) == null)
                {
                    return Results.NotFound();
                }

                if (await items.ReplaceAsync(userId, kind, id, http.Request.ContentType, content, expected, http.RequestAborted) is not { } replaced)
                {
                    return Results.StatusCode(StatusCodes.Status412PreconditionFailed);
                }

                http.Response.Headers.ETag = ETag(replaced.Version);
                return Results.Ok(Json(replaced));
            }
            catch (PimFormatException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status415UnsupportedMediaType);
            }
        });
        group.MapDelete("/{id}", async (HttpContext http, string id, WebItems items) =>
        {
            if (!TryIfMatch(http, out var expected))
            {
                return Results.Problem("If-Match must be the item's ETag (\"version\")", statusCode: StatusCodes.Status400BadRequest);
            }

            var userId = ApiUser.Of(http).Id;
            if (await items.GetAsync(userId, kind, id, http.RequestAborted) == null)
            {
                return Results.NotFound();
            }

            return await items.DeleteAsync(userId, kind, id, expected, http.RequestAborted)
                ? Results.NoContent()
                : Results.StatusCode(StatusCodes.Status412PreconditionFailed);
        });
    }

    private static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>RFC 9110 §13.1.1 If-Match: absent means unconditional; otherwise one entity tag, the item's version.</summary>
    private static bool TryIfMatch(HttpContext http, out long? expected)
    {
        expected = null;
        var header = http.Request.Headers.IfMatch.ToString();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }

        if (EntityTagHeaderValue.TryParse(header, out var tag) && !tag.IsWeak &&
            long.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }

        return false;
    }

    private static async Task<byte[]> BodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }

    private static object Json(StoredItem item) => new
    {
        id = item.Id,
        version = item.Version,
        contentType = item.ContentType,
        modified = item.Modified,
        origin = item.Origin,
        content = item.Content == null ? null : Encoding.UTF8.GetString(item.Content),
    };
}
