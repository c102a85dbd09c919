using Coffer.Server.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Coffer.Server.Api;

/// <summary>
/// A request authenticated by the web session cookie is one a browser may send on its own, so an unsafe method
/// (POST, PUT, PATCH, DELETE) must carry the antiforgery token in the <see cref="WebSetup.AntiforgeryHeader"/> header;
/// without it the answer is 400. A token or Basic request needs none: another site cannot set Authorization.
/// </summary>
public sealed class ApiAntiforgery(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.AuthenticationType == WebSetup.CookieScheme && !HttpMethods.IsGet(http.Request.Method)
            && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Problem(
                    $"A request with the session cookie needs the antiforgery token in the {WebSetup.AntiforgeryHeader} header.",
                    statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return await next(context);
    }
}
