using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.FileProviders;

namespace Coffer.Server.Web;

/// <summary>
/// The web pages' wiring (docs/web.md): Razor Pages under /, signed in with the sync account by an HttpOnly,
/// SameSite=Strict cookie (Secure whenever the request came over HTTPS, also through a proxy that says so in
/// X-Forwarded-Proto); every page but sign-in needs a signed-in account, /admin an administrator; Razor Pages check
/// the antiforgery token of every form post.
/// </summary>
public static class WebSetup
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public const string AdminPolicy = "admin";

    public static void AddCofferWeb(this WebApplicationBuilder builder, string dataDir)
    {
        // The keys that protect cookies and antiforgery tokens live in the data directory, so a restart keeps users
        // signed in (docs/web.md).
        builder.Services.AddDataProtection().SetApplicationName("Coffer").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "web-keys")));
        builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = "coffer.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/account/denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(WebUser.AdminRole));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "coffer.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
            options.Conventions.AllowAnonymousToPage("/Account/SignIn");
            options.Conventions.AllowAnonymousToPage("/Account/Denied");
        });
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Trusted only from the proxies ASP.NET Core trusts by default (loopback) unless configured otherwise
            // (Coffer:Web:KnownProxies), so a client cannot claim HTTPS or another address by sending the header itself.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("Coffer:Web:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
    }

    public static void UseCofferWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseWhen(c => !c.Request.Path.StartsWithSegments(CofferServerHost.SyncPath), web => web.UseMiddleware<SecurityHeaders>());

        // Styles and scripts are copied beside the server's assembly, so the pages look the same however it is started.
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot")) });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
    }
}
