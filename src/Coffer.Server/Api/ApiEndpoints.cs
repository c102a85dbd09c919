using System.Text;
using Coffer.Formats;
using Coffer.Server.Notifications;
using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync.Quotas;
using Coffer.Sync.Recovery;
using Coffer.Sync.Web;

namespace Coffer.Server.Api;

/// <summary>
/// The JSON API under /api (docs/history-and-recovery.md, "JSON API"): a user's items, the storage area, the history
/// and the quota. Wiring only: every operation is a Coffer.Sync service acting on the authenticated user's own data.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api";

    public static void MapCofferApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(WebSetup.ApiPolicy).AddEndpointFilter<ApiAntiforgery>();
        api.MapApiTokens();
        Sip.PeerEndpoints.MapPeers(api);
        api.MapPimItems();
        api.MapCofferMediaApi();
        api.MapProfileApi();
        api.MapNotificationApi();
        Dm.DmApiEndpoints.MapDmApi(api);

        api.MapGet("/quota", async (HttpContext http, UserQuotas quotas) =>
            await quotas.GetAsync(ApiUser.Of(http).Id, http.RequestAborted) is { } report ? Results.Ok(report) : Results.NotFound());

        var store = api.MapGroup("/datastores/{store}");
        store.MapGet("/items", async (HttpContext http, string store, WebItems items) =>
            Kind(store) is { } kind
                ? Results.Ok((await items.ListAsync(ApiUser.Of(http).Id, kind, http.RequestAborted)).Select(ItemJson))
                : UnknownStore(store));
        store.MapPost("/items", async (HttpContext http, string store, WebItems items) =>
        {
            if (Kind(store) is not { } kind)
            {
                return UnknownStore(store);
            }

            try
            {
                var added = await items.AddAsync(ApiUser.Of(http).Id, kind, http.Request.ContentType, await BodyAsync(http), http.RequestAborted);
                return Results.Created($"{Prefix}/datastores/{store}/items/{added.Id}", ItemJson(added));
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
        store.MapPut("/items/{id}", async (HttpContext http, string store, string id, WebItems items) =>
        {
            if (Kind(store) is not { } kind)
            {
                return UnknownStore(store);
            }

            try
            {
                return await items.ReplaceAsync(ApiUser.Of(http).Id, kind, id, http.Request.ContentType, await BodyAsync(http), http.RequestAborted) is { } replaced
                    ? Results.Ok(ItemJson(replaced))
                    : Results.NotFound();
            }
            catch (PimFormatException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status415UnsupportedMediaType);
            }
        });
        store.MapDelete("/items/{id}", async (HttpContext http, string store, string id, WebItems items) =>
            Kind(store) is not { } kind ? UnknownStore(store)
            : await items.DeleteAsync(ApiUser.Of(http).Id, kind, id, http.RequestAborted) ? Results.NoContent() : Results.NotFound());
        store.MapGet("/items/{id}/versions", async (HttpContext http, string store, string id, ItemHistory history) =>
            Kind(store) is not { } kind ? UnknownStore(store)
            : await history.VersionsAsync(ApiUser.Of(http).Id, kind, id, http.RequestAborted) is { Count: > 0 } versions ? Results.Ok(versions.Select(VersionJson))
            : Results.NotFound());

        store.MapPost("/save", async (HttpContext http, string store, StorageArea area) =>
            Kind(store) is { } kind ? Results.Ok(await area.SaveAsync(ApiUser.Of(http).Id, kind, ItemOrigins.Web, http.RequestAborted)) : UnknownStore(store));
        store.MapGet("/generations", async (HttpContext http, string store, StorageArea area) =>
            Kind(store) is { } kind ? Results.Ok(await area.ListAsync(ApiUser.Of(http).Id, kind, http.RequestAborted)) : UnknownStore(store));
        store.MapPost("/recover/{generation:long}", async (HttpContext http, string store, long generation, StorageArea area) =>
        {
            if (Kind(store) is not { } kind)
            {
                return UnknownStore(store);
            }

            try
            {
                return Results.Ok(await area.RecoverAsync(ApiUser.Of(http).Id, kind, generation, http.RequestAborted));
            }
            catch (RecoveryException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
            }
        });

        api.MapGet("/history/deleted", async (HttpContext http, string? store, ItemHistory history) =>
        {
            DatastoreKind? kind = null;
            if (store != null && (kind = Kind(store)) == null)
            {
                return UnknownStore(store);
            }

            var deleted = await history.ListDeletedAsync(ApiUser.Of(http).Id, kind, 200, http.RequestAborted);
            return Results.Ok(deleted.Select(d => new
            {
                id = d.ItemId,
                deletedAt = d.DeletedAt,
                deletedBy = d.DeletedBy,
                lastVersion = VersionJson(d.LastVersion),
            }));
        });
        api.MapPost("/restore", async (HttpContext http, RestoreRequest request, ItemHistory history) =>
        {
            var userId = ApiUser.Of(http).Id;
            try
            {
                switch (request.Scope?.ToLowerInvariant())
                {
                    case "account" when request.At is { } at:
                        return Results.Ok(await history.RestoreAccountAsync(userId, at, http.RequestAborted));
                    case "datastore" when request.At is { } at && Kind(request.Datastore) is { } kind:
                        return Results.Ok(await history.RestoreDatastoreAsync(userId, kind, at, http.RequestAborted));
                    case "item" when request.ItemId != null && Kind(request.Datastore) is { } kind:
                        return Results.Ok(await history.RestoreItemAsync(userId, kind, request.ItemId, request.At, http.RequestAborted));
                    default:
                        return Results.Problem("scope must be account (with at), datastore (with datastore and at) or item (with datastore, itemId and optionally at)", statusCode: StatusCodes.Status400BadRequest);
                }
            }
            catch (RecoveryException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });
    }

    /// <summary>A datastore by its name (contacts, events, tasks, notes, mail, sms, photos, files).</summary>
    private static DatastoreKind? Kind(string? name) =>
        name is { Length: > 0 } && char.IsLetter(name[0]) && Enum.TryParse<DatastoreKind>(name, ignoreCase: true, out var kind) ? kind : null;

    private static IResult UnknownStore(string store) =>
        Results.Problem($"no datastore '{store}' (contacts, events, tasks, notes, mail, sms, photos, files)", statusCode: StatusCodes.Status404NotFound);

    private static async Task<byte[]> BodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }

    private static object ItemJson(StoredItem item) => new
    {
        id = item.Id,
        version = item.Version,
        contentType = item.ContentType,
        modified = item.Modified,
        origin = item.Origin,
        content = Text(item.Content),
    };

    private static object VersionJson(ItemVersion version) => new
    {
        version = version.Version,
        time = version.Time,
        origin = version.Origin,
        deleted = version.Deleted,
        contentType = version.ContentType,
        size = version.Size,
        content = Text(version.Content),
    };

    private static string? Text(byte[]? content) => content == null ? null : Encoding.UTF8.GetString(content);
}
