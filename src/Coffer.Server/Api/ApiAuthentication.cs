using System.Net.Http.Headers;
using System.Text;
using Coffer.Sync;
using Coffer.Sync.Auth;

namespace Coffer.Server.Api;

/// <summary>
/// HTTP Basic (RFC 7617) for /api, checked by the sync path's own password verifier and login throttle
/// (<see cref="AccountLogin"/>): a wrong password is answered late (as a sync login is) with 401 and a challenge, an
/// account or address without attempts left gets 429.
/// </summary>
public sealed class ApiAuthentication(AccountLogin login, SyncServerOptions options) : IEndpointFilter
{
    // RFC 7617 §2.1: the charset parameter announces UTF-8 user names and passwords.
    private const string Challenge = "Basic realm=\"Coffer\", charset=\"UTF-8\"";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!TryReadBasic(http.Request.Headers.Authorization.ToString(), out var user, out var password))
        {
            return Unauthorized(http);
        }

        var (account, check) = await login.LoginAsync(user, password, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        switch (check)
        {
            case PasswordCheck.Right:
                ApiUser.Set(http, account!);
                return await next(context);
            case PasswordCheck.Blocked:
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.FailedLoginWindow.TotalSeconds / Math.Max(1, options.FailedLoginsPerAccount))).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem("Too many failed logins; retry later.", statusCode: StatusCodes.Status429TooManyRequests);
            case PasswordCheck.Disabled:
                return Results.Problem("This account is disabled; ask the server's administrator.", statusCode: StatusCodes.Status403Forbidden);
            default:
                await Task.Delay(options.FailedLoginDelay, http.RequestAborted);
                return Unauthorized(http);
        }
    }

    private static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = Challenge;
        return Results.Unauthorized();
    }

    private static bool TryReadBasic(string header, out string user, out string password)
    {
        user = password = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(header, out var value) ||
            !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter == null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
        return true;
    }
}
