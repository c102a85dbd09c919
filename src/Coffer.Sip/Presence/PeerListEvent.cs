namespace Coffer.Sip.Presence;

/// <summary>
/// The SIP event package of Coffer's presence query (RFC 6665 §7): a subscriber learns which devices of its own
/// account are online. NOTIFY bodies are <see cref="ContentType"/>, valid against docs/peer-list.xsd.
/// </summary>
public static class PeerListEvent
{
    /// <summary>The Event header's package name (RFC 6665 §8.2.1: a token; ours is not IANA-registered, hence the prefix).</summary>
    public const string Package = "coffer-peers";

    /// <summary>The body type (RFC 6838 vendor tree), the package's default and only one (RFC 6665 §7.4.1).</summary>
    public const string ContentType = "application/vnd.coffer.peer-list+xml";

    public const string Namespace = "urn:coffer:peer-list:1";
}
