using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Web.Tests;

/// <summary>
/// Every route of the running app, read from its own <see cref="EndpointDataSource"/> (so a route added later is in the
/// list without anyone adding it here), with each parameter filled with every value that names the owner's data.
/// A parameter with no known values is reported, never skipped.
/// </summary>
public static partial class RouteCatalog
{
    private const int MaxCasesPerRoute = 60;

    public static (List<RouteCase> Cases, List<string> Unfillable) Build(WebServer server, AliceData data)
    {
        var cases = new List<RouteCase>();
        var unfillable = new List<string>();
        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() != null;
            var kind = isPage ? RouteKind.Page : raw.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) ? RouteKind.Api : RouteKind.Other;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared
                ? declared
                : ["GET", "POST"];
            var acceptsJson = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Any(a => a.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)));

            var fillings = new List<(string Path, bool Owner)> { (string.Empty, false) };
            var position = 0;
            foreach (Match parameter in ParameterPattern().Matches(raw))
            {
                var literal = raw[position..parameter.Index];
                position = parameter.Index + parameter.Length;
                var name = parameter.Groups["name"].Value;
                var constraint = parameter.Groups["constraint"].Value;
                var (values, namesOwner) = ValuesFor(name.ToLowerInvariant());
                values = values.Where(v => Fits(v, constraint)).ToList();
                if (values.Count == 0)
                {
                    unfillable.Add($"{raw}: no value for {{{name}}} — add the owner's values for it in AliceData (OwnValues) or RouteCatalog (datastore names)");
                    fillings.Clear();
                    break;
                }

                fillings = fillings.SelectMany(f => values.Select(v => (f.Path + literal + v, f.Owner || namesOwner))).Take(MaxCasesPerRoute).ToList();
            }

            foreach (var (path, owned) in fillings)
            {
                foreach (var method in methods)
                {
                    cases.Add(new RouteCase(raw, method, path + raw[position..], kind, owned, acceptsJson));
                }

                // A page's named handlers (?handler=Delete) and its query-bound properties and handler parameters
                // (?id=) are routes too: each is tried with every value naming the owner's data.
                if (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page)
                {
                    cases.AddRange(PageCases(page, raw, path + raw[position..], kind, owned, data));
                }
            }
        }

        // Sign-out last: it ends the session every other request is made in.
        return (cases.OrderBy(c => c.Pattern.Contains("signout", StringComparison.OrdinalIgnoreCase)).ToList(), unfillable);

        (List<string> Values, bool Owner) ValuesFor(string name) =>
            name switch
            {
                "store" or "datastore" or "kind" => (data.Stores, false),
                "version" => (["1"], false),
                "documentname" => (["v1"], false),
                _ when data.OwnValues.TryGetValue(name, out var values) => (values, true),
                _ => ([], false),
            };
    }

    private static IEnumerable<RouteCase> PageCases(CompiledPageActionDescriptor page, string raw, string path, RouteKind kind, bool owned, AliceData data)
    {
        foreach (var handler in page.HandlerMethods)
        {
            var method = handler.HttpMethod.ToUpperInvariant();
            var request = new ActionContext { HttpContext = new DefaultHttpContext { Request = { Method = method } } };

            // What this handler binds: its own parameters, and the page's bound properties its method binds
            // ([BindProperty] binds GET only with SupportsGet).
            var queryNames = page.BoundProperties
                .Where(p => p.BindingInfo?.RequestPredicate?.Invoke(request) ?? true)
                .Select(p => p.BindingInfo?.BinderModelName ?? p.Name)
                .Concat(handler.Parameters.Select(p => p.BindingInfo?.BinderModelName ?? p.Name))
                .Select(n => n.ToLowerInvariant())
                .Distinct()
                .Where(data.OwnValues.ContainsKey);
            var queries = queryNames.SelectMany(n => data.OwnValues[n].Select(v => $"{n}={v}")).Take(MaxCasesPerRoute).ToList();
            var handlerQuery = handler.Name is { Length: > 0 } name ? $"handler={name}" : null;
            if (handlerQuery != null)
            {
                yield return new RouteCase(raw, method, $"{path}?{handlerQuery}", kind, owned, false);
            }

            foreach (var query in queries)
            {
                var joined = handlerQuery == null ? query : $"{handlerQuery}&{query}";
                yield return new RouteCase(raw, method, $"{path}?{joined}", kind, true, false);
            }
        }
    }

    private static bool Fits(string value, string constraint) => constraint.ToLowerInvariant() switch
    {
        "" => true,
        "long" or "int" => long.TryParse(value, out _),
        "guid" => Guid.TryParse(value, out _),
        _ => true,
    };

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?<constraint>[A-Za-z]+)[^}]*)?\??\}")]
    private static partial Regex ParameterPattern();
}
