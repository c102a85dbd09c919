using Coffer.Server.Web;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coffer.Server.Api;

/// <summary>The OpenAPI document's title and its three ways to authenticate (docs/api.md, "Authentication").</summary>
public sealed class ApiSecuritySchemes : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Coffer API";
        document.Info.Description = "The JSON API of a Coffer server (docs/api.md). Every endpoint acts on the caller's own data.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            ["token"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token (cof_...), created on /settings/tokens or by POST /api/tokens.",
            },
            ["basic"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "basic", Description = "The sync account's user name and password." },
            ["cookie"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "coffer.auth",
                Description = $"The web session; POST, PUT, PATCH and DELETE also need the antiforgery token in the {WebSetup.AntiforgeryHeader} header.",
            },
        };
        document.Security = new[] { "token", "basic", "cookie" }
            .Select(name => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, document)] = [] })
            .ToList();
        return Task.CompletedTask;
    }
}
