using System.Text;

namespace Coffer.Interop.Tests.Harness;

/// <summary>One request the <see cref="FaultProxy"/> received, numbered from 1, and what came back.</summary>
public sealed record ProxyExchange
{
    public required int Number { get; init; }

    public required string Method { get; init; }

    /// <summary>Path and query as the client sent them.</summary>
    public required string Target { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> RequestHeaders { get; init; }

    public required byte[] RequestBody { get; init; }

    /// <summary>The target's HTTP status; null when the request was dropped.</summary>
    public int? StatusCode { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; init; } = [];

    /// <summary>The target's reply body (also recorded when the reply was dropped).</summary>
    public byte[]? ResponseBody { get; init; }

    public ProxyFault Fault { get; init; }

    public DateTimeOffset Received { get; init; }

    /// <summary>From the end of the request to the reply (or the drop).</summary>
    public TimeSpan Elapsed { get; init; }

    public string? RequestHeader(string name) => RequestHeaders.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public string? ResponseHeader(string name) => ResponseHeaders.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The request body as UTF-8 text (XML SyncML); WBXML bodies are binary.</summary>
    public string RequestText => Encoding.UTF8.GetString(RequestBody);

    public string? ResponseText => ResponseBody == null ? null : Encoding.UTF8.GetString(ResponseBody);
}
