namespace Coffer.Agent.Protocol;

/// <summary>The server's answer to one posted message: HTTP status, body and its content type.</summary>
public sealed record SyncExchange(int HttpStatus, byte[] Body, string? ContentType)
{
    /// <summary>The reply's <c>x-syncml-hmac</c> header (OMA-TS-DM_Security-V1_2 §5.5.2); null when it has none.</summary>
    public string? Hmac { get; init; }
}
