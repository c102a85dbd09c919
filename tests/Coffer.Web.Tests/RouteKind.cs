namespace Coffer.Web.Tests;

public enum RouteKind
{
    /// <summary>A Razor page.</summary>
    Page,

    /// <summary>An endpoint under /api.</summary>
    Api,

    /// <summary>Anything else: /sync, /healthz, /metrics, the OpenAPI document.</summary>
    Other,
}
