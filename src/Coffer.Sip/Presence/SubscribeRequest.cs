using System.Globalization;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Presence;

/// <summary>What a SUBSCRIBE asks for: the event package, the body types it accepts, the interval.</summary>
internal static class SubscribeRequest
{
    /// <summary>The package name of the Event header (RFC 6665 §8.2.1: event-type, then parameters), or null.</summary>
    public static string? Package(SipRequest request) =>
        request.Headers.First(HeaderNames.Event) is { } value ? value.Split(';')[0].Trim() : null;

    /// <summary>
    /// RFC 6665 §4.2.1.1, RFC 3261 §20.1: no Accept means the package's default type; otherwise ours, or a range
    /// covering it, must be listed.
    /// </summary>
    public static bool AcceptsPeerList(SipRequest request)
    {
        var accepts = request.Headers.Values(HeaderNames.Accept).Where(v => v.Length > 0).ToList();
        if (accepts.Count == 0)
        {
            return true;
        }
        foreach (var accept in accepts)
        {
            try
            {
                var (type, subtype, _) = HeaderValueParser.ParseMediaType(accept);
                if ((type == "*" && subtype == "*") ||
                    (type.Equals("application", StringComparison.OrdinalIgnoreCase) &&
                     (subtype == "*" || subtype.Equals("vnd.coffer.peer-list+xml", StringComparison.OrdinalIgnoreCase))))
                {
                    return true;
                }
            }
            catch (SipParseException)
            {
            }
        }
        return false;
    }

    /// <summary>The Expires header in seconds (capped at 2^32-1), null when absent, -1 when not delta-seconds.</summary>
    public static long? Expires(SipRequest request) =>
        request.Headers.First(HeaderNames.Expires) is not { } value ? null
        : long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? Math.Min(seconds, uint.MaxValue)
        : -1;
}
