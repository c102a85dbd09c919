namespace Coffer.Agent.Protocol;

/// <summary>The server's answer to one posted message: HTTP status, body and its content type.</summary>
public sealed record SyncExchange(int HttpStatus, byte[] Body, string? ContentType);
