namespace Coffer.Sip.Parsing;

/// <summary>
/// A message that cannot be accepted. <see cref="StatusCode"/> is the response a server sends to such a request
/// (400, or 505 for an unknown SIP version: RFC 3261 §8.2.2, RFC 4475 §3.1.2.16); a response is discarded.
/// </summary>
public sealed class SipParseException(string message, int statusCode = 400) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
