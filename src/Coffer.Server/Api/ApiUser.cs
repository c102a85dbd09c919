using Coffer.Server.Web;

namespace Coffer.Server.Api;

/// <summary>
/// The account an API request authenticated as (cookie, personal API token or HTTP Basic, <see cref="ApiSetup"/>);
/// every endpoint acts on it alone.
/// </summary>
public static class ApiUser
{
    public static ApiCaller Of(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? new ApiCaller(context.User.UserId(), context.User.UserName())
            : throw new InvalidOperationException("the request was not authenticated");
}
