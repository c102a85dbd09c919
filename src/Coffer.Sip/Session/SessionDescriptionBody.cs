using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Session;

/// <summary>A session description as the body of a SIP message, under its own content type.</summary>
public static class SessionDescriptionBody
{
    public const string ContentType = "application/vnd.coffer.peer-session+xml";

    public static void Attach(SipMessage message, SessionDescription description)
    {
        message.Body = SessionDescriptionXml.Write(description);
        message.Headers.Set(HeaderNames.ContentType, ContentType);
    }

    /// <summary>Whether the message's body is of the session description's content type (parameters ignored).</summary>
    public static bool HasContentType(SipMessage message)
    {
        if (message.ContentType is not { } value)
        {
            return false;
        }
        var (type, subtype, _) = HeaderValueParser.ParseMediaType(value);
        return string.Equals($"{type}/{subtype}", ContentType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The session description of the message, or null when its body is of another type (or absent).</summary>
    /// <exception cref="SessionDescriptionException">The body has the content type but is not valid.</exception>
    public static SessionDescription? Read(SipMessage message) =>
        HasContentType(message) && message.Body.Length > 0 ? SessionDescriptionXml.Parse(message.Body) : null;
}
