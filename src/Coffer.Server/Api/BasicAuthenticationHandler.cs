using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Coffer.Server.Web;
using Coffer.Sync;
using Coffer.Sync.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Api;

/// <summary>
/// HTTP Basic (RFC 7617) for /api, checked by the sync path's own password verifier and login throttle
/// (<see cref="AccountLogin"/>): a wrong password is answered late (as a sync login is) with 401 and a challenge, an
/// account or address without attempts left gets 429 with Retry-After.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccountLogin login,
    SyncServerOptions options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, logger, encoder)
{
    public const string SchemeName = "Basic";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!TryReadBasic(header, out var user, out var password))
        {
            return AuthenticateResult.Fail("malformed Basic credentials");
        }

        var (account, check) = await login.LoginAsync(user, password, Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        switch (check)
        {
            case PasswordCheck.Right:
                return AuthenticateResult.Success(new AuthenticationTicket(WebUser.Principal(account!.Id, account.Name, account.Admin, SchemeName), SchemeName));
            case PasswordCheck.Blocked:
                ApiChallenge.MarkThrottled(Context);
                return AuthenticateResult.Fail("too many failed logins");
            case PasswordCheck.Disabled:
                ApiChallenge.MarkDisabled(Context);
                return AuthenticateResult.Fail("account disabled");
            default:
                await Task.Delay(options.FailedLoginDelay, Context.RequestAborted);
                return AuthenticateResult.Fail("wrong user name or password");
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => ApiChallenge.WriteAsync(Context, options);

    private static bool TryReadBasic(string header, out string user, out string password)
    {
        user = password = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || value.Parameter == null)
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
