using System.Globalization;
using Coffer.Sync;

namespace Coffer.Server.Api;

/// <summary>
/// The answer to an /api request that did not authenticate, whichever way it tried: 401 with both challenges
/// (Basic, RFC 7617; Bearer, RFC 6750) as problem+json, or 429 with Retry-After when the login throttle refused it, or 403 for a disabled account.
/// </summary>
public static class ApiChallenge
{
    private const string ThrottledKey = "Coffer.ApiThrottled";

    private const string DisabledKey = "Coffer.ApiDisabled";

    // RFC 7617 §2.1: the charset parameter announces UTF-8 user names and passwords.
    private static readonly string[] Challenges = ["Basic realm=\"Coffer\", charset=\"UTF-8\"", "Bearer realm=\"Coffer\""];

    public static void MarkThrottled(HttpContext context) => context.Items[ThrottledKey] = true;

    /// <summary>The credentials were right but the account is disabled: 403, said only after the right password or token.</summary>
    public static void MarkDisabled(HttpContext context) => context.Items[DisabledKey] = true;

    public static Task WriteAsync(HttpContext context, SyncServerOptions options)
    {
        if (context.Items.ContainsKey(ThrottledKey))
        {
            var seconds = Math.Ceiling(options.FailedLoginWindow.TotalSeconds / Math.Max(1, options.FailedLoginsPerAccount));
            context.Response.Headers.RetryAfter = ((int)seconds).ToString(CultureInfo.InvariantCulture);
            return Results.Problem("Too many failed logins; retry later.", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
        }

        if (context.Items.ContainsKey(DisabledKey))
        {
            return Results.Problem("This account is disabled; ask the server's administrator.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
        }

        context.Response.Headers.WWWAuthenticate = Challenges;
        return Results.Problem(
            "Sign in with HTTP Basic (the sync account), a personal API token (Authorization: Bearer), or the web session cookie.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }
}
