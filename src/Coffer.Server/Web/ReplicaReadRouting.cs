using Coffer.Storage;

namespace Coffer.Server.Web;

/// <summary>
/// Lets the reads of a web page or an API GET come from the read replica (docs/operations.md, "Reads from the
/// standby"), where a moment's lag cannot mislead: never a SyncML message, the sign-in pages or a health check, never
/// a request that asks for fresh data (<c>Cache-Control: no-cache</c>), and never the requests of a browser or client
/// that wrote something a moment ago — a write sets a short-lived cookie, so the page shown after a form's redirect
/// reads the primary and shows the change (read your own writes), whichever node serves it. Placed after
/// authentication and authorization, so who may do what is always decided on the primary.
/// </summary>
public sealed class ReplicaReadRouting(RequestDelegate next, ReplicaReadOptions options)
{
    /// <summary>The cookie a write sets; while it lives, the client's reads go to the primary.</summary>
    public const string RecentWriteCookie = "coffer-wrote";

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            if (MayLag(context.Request))
            {
                using (ReplicaReads.Allow())
                {
                    await next(context);
                }

                return;
            }
        }
        else if (!IsExcluded(context.Request.Path))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Cookies.Append(RecentWriteCookie, "1", new CookieOptions
                {
                    MaxAge = options.ReadYourWrites,
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                    Path = "/",
                });
                return Task.CompletedTask;
            });
        }

        await next(context);
    }

    private static bool MayLag(HttpRequest request) =>
        !IsExcluded(request.Path)
        && !request.Cookies.ContainsKey(RecentWriteCookie)
        && !request.Headers.CacheControl.Any(v => v != null && v.Contains("no-cache", StringComparison.OrdinalIgnoreCase));

    private static bool IsExcluded(PathString path) =>
        path.StartsWithSegments(CofferServerHost.SyncPath)
        || path.StartsWithSegments(CofferServerHost.DmPath)
        || path.StartsWithSegments("/account")
        || path.StartsWithSegments("/healthz")
        || path.StartsWithSegments("/metrics");
}
