namespace Coffer.Dm;

/// <summary>One decoded DM message and what the HTTP layer knows about it.</summary>
/// <param name="SessionToken">The <c>s</c> of the RespURI the message was posted to; null for a session's first message.</param>
/// <param name="EndpointUrl">The absolute URL of the DM endpoint (the base of RespURI).</param>
public sealed record DmRequest(Coffer.SyncML.SyncMLMessage Message, string? SessionToken, string EndpointUrl, string? RemoteAddress);
