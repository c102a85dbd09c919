using System.Globalization;
using System.Security.Claims;

namespace Coffer.Server.Web;

/// <summary>The signed-in account as the web pages see it: its id and name, carried in the authentication cookie's claims.</summary>
public static class WebUser
{
    /// <summary>The role claim of an administrator (the "admin" authorization policy requires it).</summary>
    public const string AdminRole = "admin";

    /// <summary>
    /// When the account's password was last set, as the sign-in saw it: a cookie from before a password change no longer
    /// matches the account and is signed out (<see cref="Admin.AccountRevalidation"/>), as users expect after changing a
    /// password because a session may be in a lost phone's browser.
    /// </summary>
    public const string PasswordStampClaim = "coffer:password-set";

    /// <summary>The cookie's principal for <paramref name="account"/>, with its password stamp.</summary>
    public static ClaimsPrincipal SignedIn(Coffer.Storage.UserAccount account)
    {
        var principal = Principal(account.Id, account.Name, account.Admin);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PasswordStampClaim, PasswordStamp(account)));
        return principal;
    }

    /// <summary>The stamp of the account's current password (its change time, never anything derived from the password).</summary>
    public static string PasswordStamp(Coffer.Storage.UserAccount account) => account.PasswordChanged.UtcTicks.ToString(CultureInfo.InvariantCulture);

    /// <summary>Claims for a signed-in account; the authentication type is the scheme that proved them (the cookie by default).</summary>
    public static ClaimsPrincipal Principal(long userId, string name, bool admin, string authenticationType = WebSetup.CookieScheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, name),
        };
        if (admin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    /// <summary>The signed-in account's id; throws when no account is signed in (pages are authorized before they run).</summary>
    public static long UserId(this ClaimsPrincipal principal) =>
        long.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("no account is signed in"), CultureInfo.InvariantCulture);

    public static string UserName(this ClaimsPrincipal principal) => principal.Identity?.Name ?? string.Empty;

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(AdminRole);
}
