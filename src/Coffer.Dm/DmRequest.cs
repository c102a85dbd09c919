using Coffer.SyncML.Dm;

namespace Coffer.Dm;

/// <summary>One decoded DM message and what the HTTP layer knows about it.</summary>
/// <param name="SessionToken">The <c>s</c> of the RespURI the message was posted to; null for a session's first message.</param>
/// <param name="EndpointUrl">The absolute URL of the DM endpoint (the base of RespURI).</param>
public sealed record DmRequest(Coffer.SyncML.SyncMLMessage Message, string? SessionToken, string EndpointUrl, string? RemoteAddress)
{
    /// <summary>The <c>x-syncml-hmac</c> header when the client authenticates with HMAC-MD5 (OMA-TS-DM_Security-V1_2 §5.5.2).</summary>
    public DmHmacHeader? Hmac { get; init; }

    /// <summary>The message as it came over HTTP: the HMAC is over these bytes, and a resent message is known by them.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Whether the message came as WBXML: the reply goes in the same representation.</summary>
    public bool Wbxml { get; init; }
}
