using Coffer.Sync.Web;

namespace Coffer.Server.Api;

/// <summary>
/// /api/tokens: the caller's personal API tokens (docs/api.md). The clear token is in the creation's answer only.
/// </summary>
public static class ApiTokenEndpoints
{
    public static void MapApiTokens(this RouteGroupBuilder api)
    {
        api.MapGet("/tokens", async (HttpContext http, ApiTokens tokens) =>
            Results.Ok((await tokens.ListAsync(ApiUser.Of(http).Id, http.RequestAborted)).Select(t => new { id = t.Id, name = t.Name, prefix = t.Prefix, created = t.Created })));
        api.MapPost("/tokens", async (HttpContext http, TokenRequest request, ApiTokens tokens) =>
            await tokens.CreateAsync(ApiUser.Of(http).Id, request.Name ?? string.Empty, http.RequestAborted) is var (token, secret)
                ? Results.Created($"{ApiEndpoints.Prefix}/tokens/{token.Id}", new { id = token.Id, name = token.Name, prefix = token.Prefix, created = token.Created, token = secret })
                : Results.NotFound());
        api.MapDelete("/tokens/{id:long}", async (HttpContext http, long id, ApiTokens tokens) =>
            await tokens.RevokeAsync(ApiUser.Of(http).Id, id, http.RequestAborted) ? Results.NoContent() : Results.NotFound());
    }
}
