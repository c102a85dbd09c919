using Coffer.Server.Web;
using Coffer.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Admin;

/// <summary>
/// Checks each signed-in request's account against the store, so an administrator's change takes effect at once, not
/// when the cookie expires: a deleted or disabled account, and a session from before the account's last password change, is signed out, and a granted or revoked administration
/// replaces the cookie's role claim. One indexed read per request that carries the cookie (phones never do).
/// </summary>
public sealed class AccountRevalidation(ICofferStore store) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != WebSetup.CookieScheme)
        {
            return;
        }

        var before = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await before(context);
            if (context.Principal is not { Identity.IsAuthenticated: true } principal)
            {
                return;
            }

            // A disabled account or a changed password must end the sign-in at once: read on the primary.
            using var primary = ReplicaReads.Primary();
            UserAccount? account;
            await using (var read = await store.BeginReadAsync(context.HttpContext.RequestAborted))
            {
                account = await read.Users.GetAsync(principal.UserId(), context.HttpContext.RequestAborted);
            }

            if (account == null || account.Disabled || principal.FindFirst(WebUser.PasswordStampClaim)?.Value != WebUser.PasswordStamp(account))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(WebSetup.CookieScheme);
            }
            else if (account.Admin != principal.IsAdmin())
            {
                context.ReplacePrincipal(WebUser.SignedIn(account));
                context.ShouldRenew = true;
            }
        };
    }
}
