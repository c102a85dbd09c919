namespace Coffer.Sync;

/// <summary>One incoming SyncML message, free of any HTTP type (the engine never touches HTTP).</summary>
/// <param name="Body">The raw message.</param>
/// <param name="ContentType">application/vnd.syncml+xml or application/vnd.syncml+wbxml (parameters allowed).</param>
/// <param name="SessionToken">The token our RespURI carried, when the client used it.</param>
/// <param name="EndpointUrl">The public URL of the sync endpoint as the client sees it (for RespURI).</param>
/// <param name="RemoteAddress">For logs only.</param>
public sealed record SyncRequest(ReadOnlyMemory<byte> Body, string ContentType, string? SessionToken, string EndpointUrl, string? RemoteAddress = null);
