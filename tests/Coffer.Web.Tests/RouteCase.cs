namespace Coffer.Web.Tests;

/// <summary>One request the isolation test makes: a route of the app with its parameters filled.</summary>
/// <param name="Pattern">The route pattern as the app declares it.</param>
/// <param name="Method">GET, POST, ...</param>
/// <param name="Path">The pattern with its parameters filled.</param>
/// <param name="Kind">Page, API or other endpoint.</param>
/// <param name="NamesOwnerData">A parameter was filled with an id of the owner's data (not just a datastore name).</param>
/// <param name="AcceptsJson">The endpoint reads a JSON body.</param>
public sealed record RouteCase(string Pattern, string Method, string Path, RouteKind Kind, bool NamesOwnerData, bool AcceptsJson)
{
    public bool IsAdmin => Pattern.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) || Pattern.StartsWith("/api/admin", StringComparison.OrdinalIgnoreCase);

    public bool IsUnsafe => Method is not ("GET" or "HEAD" or "OPTIONS");

    public override string ToString() => $"{Method} {Path} (route {Pattern})";
}
