namespace Coffer.Interop.Tests.Harness;

/// <summary>A request as read off the wire by <see cref="HttpWireReader"/>.</summary>
internal sealed record HttpWireRequest(
    string Method,
    string Target,
    string Version,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body)
{
    public string? Header(string name) => Headers.LastOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>RFC 9112 §9.3: HTTP/1.1 is persistent unless "close"; HTTP/1.0 only with keep-alive.</summary>
    public bool KeepAlive =>
        Version == "HTTP/1.1"
            ? Header("Connection")?.Contains("close", StringComparison.OrdinalIgnoreCase) != true
            : Header("Connection")?.Contains("keep-alive", StringComparison.OrdinalIgnoreCase) == true;
}
