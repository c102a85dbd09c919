using Coffer.Storage;
using System.Globalization;
using System.Threading.RateLimiting;
using Coffer.Server.Api;
using Coffer.Sync.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

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

    /// <summary>The /api scheme: a bearer token or Basic credentials when the request has them, else the cookie.</summary>
    public const string ApiScheme = "api";

    /// <summary>The policy every /api endpoint requires: an account authenticated by <see cref="ApiScheme"/>.</summary>
    public const string ApiPolicy = "api";

    /// <summary>/api/admin: authenticated as any /api route (401 and a challenge, never a redirect), and an administrator.</summary>
    public const string ApiAdminPolicy = "api-admin";

    /// <summary>The header an /api request authenticated by the cookie carries its antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>The rate limiter policy of sign-in posts, per client address.</summary>
    public const string SignInRateLimit = "signin";

    public static void AddCofferWeb(this WebApplicationBuilder builder, string dataDir)
    {
        // The keys that protect cookies and antiforgery tokens live in the store, so a restart keeps users signed in and
        // every node of a cluster opens every node's cookies (docs/web.md), encrypted with a key derived from the master
        // key, so a copy of them signs nobody in.
        builder.Services.AddDataProtection().SetApplicationName("Coffer");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
            {
                var store = sp.GetRequiredService<ICofferStore>();
                o.XmlRepository = new StoreXmlRepository(store, Path.Combine(dataDir, "web-keys"));
                o.XmlEncryptor = new MasterKeyXmlEncryptor(store);
            }));
        builder.Services.AddSingleton<ApiTokens>();
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
        })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(ApiScheme, null, options =>
            {
                options.ForwardDefaultSelector = context => context.Request.Headers.Authorization.ToString() switch
                {
                    var h when h.StartsWith(ApiTokenAuthenticationHandler.SchemeName + " ", StringComparison.OrdinalIgnoreCase) => ApiTokenAuthenticationHandler.SchemeName,
                    var h when h.StartsWith(BasicAuthenticationHandler.SchemeName + " ", StringComparison.OrdinalIgnoreCase) => BasicAuthenticationHandler.SchemeName,
                    _ => CookieScheme,
                };

                // An API client is answered 401/403 (problem+json), never redirected to the sign-in page.
                options.ForwardChallenge = BasicAuthenticationHandler.SchemeName;
                options.ForwardForbid = BasicAuthenticationHandler.SchemeName;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(WebUser.AdminRole))
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser())
            .AddPolicy(ApiAdminPolicy, policy => policy.AddAuthenticationSchemes(ApiScheme).RequireRole(WebUser.AdminRole));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "coffer.af";
            options.HeaderName = AntiforgeryHeader;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddRazorPages(options =>
        {
            // A POST (PUT, DELETE...) to a page without a handler for it would render the page without its GET
            // handler having run: 405 instead.
            options.Conventions.ConfigureFilter(new UnhandledMethodFilter());
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
            options.Conventions.AllowAnonymousToPage("/Account/SignIn");
            options.Conventions.AllowAnonymousToPage("/Account/Denied");
            options.Conventions.AddPageApplicationModelConvention("/Account/SignIn", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignInRateLimit)));
        });

        // Beside the failed-login throttle (per account and address, failures only): every sign-in post of an address
        // counts, so a client cannot make the server run PBKDF2 for it without bound.
        var signInsPerMinute = builder.Configuration.GetValue("Coffer:Web:SignInsPerMinute", 20);
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? string.Empty, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, signInsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync($"Too many sign-in attempts from this address. Try again in {seconds} seconds.\n", ct);
            };
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
        app.UseWhen(c => !c.Request.Path.StartsWithSegments(CofferServerHost.SyncPath) && !c.Request.Path.StartsWithSegments(CofferServerHost.DmPath), web => web.UseMiddleware<SecurityHeaders>());

        // Styles and scripts are copied beside the server's assembly, so the pages look the same however it is started.
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot")) });
        app.UseAuthentication();
        app.UseAuthorization();
        if (app.Services.GetRequiredService<ICofferStore>() is ReplicaRoutingStore)
        {
            app.UseMiddleware<ReplicaReadRouting>();
        }

        app.UseRateLimiter();
        app.MapRazorPages();
    }
}
