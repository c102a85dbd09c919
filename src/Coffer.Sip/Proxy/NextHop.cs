using System.Net;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Proxy;

/// <summary>
/// Where a request goes once this proxy's Route is removed (§16.6 step 7, §16.12 loose routing): the URI of the
/// top Route if one remains, else the Request-URI. Destinations are addresses: no DNS (RFC 3263) is done.
/// </summary>
internal static class NextHop
{
    public static IPEndPoint? Resolve(SipRequest request)
    {
        var uri = request.Headers.First(HeaderNames.Route) is { } route
            ? HeaderValueParser.ParseNameAddress(route, SipCompliance.Loose).Uri
            : request.Uri;
        return uri.IsSip && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
            ? new IPEndPoint(address, uri.Port ?? 5060)
            : null;
    }
}
