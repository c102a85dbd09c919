namespace Coffer.Sip.Parsing;

/// <summary>How the parser treats forms RFC 3261's grammar forbids but deployed clients send.</summary>
public enum SipCompliance
{
    /// <summary>Only the RFC 3261 §25 grammar; anything else is refused with the reason.</summary>
    Strict,

    /// <summary>
    /// Also the messy-but-common forms RFC 4475 §3.1.2 says an element may be liberal about: several spaces in the
    /// request line, trailing spaces, bare LF line ends, spaces inside angle brackets, headers in a Request-URI
    /// (dropped), an unparseable Date (ignored). Accepted values are rewritten in their canonical form.
    /// </summary>
    Loose,
}
