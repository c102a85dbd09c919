using System.Text.Encodings.Web;
using Coffer.Server.Web;
using Coffer.Storage;
using Coffer.Sync;
using Coffer.Sync.Auth;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Api;

/// <summary>
/// A personal API token as a bearer token (RFC 6750: <c>Authorization: Bearer cof_...</c>). A wrong token counts as a
/// failed login of the client address in the same throttle as passwords, so tokens cannot be guessed faster than them.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokens tokens,
    ICofferStore store,
    ILoginThrottle throttle,
    SyncServerOptions options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, logger, encoder)
{
    public const string SchemeName = "Bearer";

    // The throttle's per-account bucket for tokens: one per address, as a token names no account before it is checked.
    private const string AccountKeyPrefix = "\0token:";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // A revoked token or a disabled account must stop working at once: access is read on the primary.
        using var primary = ReplicaReads.Primary();
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress?.ToString();
        var accountKey = AccountKeyPrefix + address;
        if (throttle.IsBlocked(accountKey, address))
        {
            ApiChallenge.MarkThrottled(Context);
            return AuthenticateResult.Fail("too many failed logins");
        }

        if (await tokens.FindAsync(header[(SchemeName.Length + 1)..].Trim(), Context.RequestAborted) is { } token)
        {
            await using var read = await store.BeginReadAsync(Context.RequestAborted);
            if (await read.Users.GetAsync(token.UserId, Context.RequestAborted) is { } account)
            {
                if (account.Disabled)
                {
                    ApiChallenge.MarkDisabled(Context);
                    return AuthenticateResult.Fail("account disabled");
                }

                return AuthenticateResult.Success(new AuthenticationTicket(WebUser.Principal(account.Id, account.Name, account.Admin, SchemeName), SchemeName));
            }
        }

        throttle.Failed(accountKey, address);
        await Task.Delay(options.FailedLoginDelay, Context.RequestAborted);
        return AuthenticateResult.Fail("unknown or revoked token");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => ApiChallenge.WriteAsync(Context, options);
}
