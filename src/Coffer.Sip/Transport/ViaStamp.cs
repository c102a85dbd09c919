using System.Globalization;
using System.Net;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Transport;

/// <summary>What a server transport writes into the top Via of a request it receives, and where responses go.</summary>
public static class ViaStamp
{
    /// <summary>
    /// §18.2.1: add received when the sent-by host is not the source address; RFC 3581 §4: fill an empty rport
    /// with the source port (and then always add received).
    /// </summary>
    public static void Apply(SipRequest request, IPEndPoint source)
    {
        var raw = request.Headers.Find(h => h.Name == HeaderNames.Via);
        if (raw is null)
        {
            return;
        }
        var via = HeaderValueParser.ParseVia(raw.Value, SipCompliance.Loose);
        if (StampInPlace(via, source))
        {
            request.Headers[request.Headers.IndexOf(raw)] = raw with { Value = via.ToString() };
        }
    }

    /// <summary>The same stamp on one parsed Via, changed in place and returned.</summary>
    public static SipVia Stamp(SipVia via, IPEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(via);
        ArgumentNullException.ThrowIfNull(source);
        StampInPlace(via, source);
        return via;
    }

    private static bool StampInPlace(SipVia via, IPEndPoint source)
    {
        var address = source.Address.ToString();
        var changed = false;
        if (via.HasRPort && via.RPort is null)
        {
            via.Parameters.Set("rport", source.Port.ToString(CultureInfo.InvariantCulture));
            via.Received = address;
            changed = true;
        }
        else if (via.Host.Trim('[', ']') != address)
        {
            via.Received = address;
            changed = true;
        }
        return changed;
    }

    /// <summary>
    /// Where a response goes over an unreliable transport (§18.2.2, RFC 3581 §4): received (or sent-by) address,
    /// rport (or sent-by port, or 5060).
    /// </summary>
    public static IPEndPoint ResponseDestination(SipVia via)
    {
        var host = via.Received ?? via.Host.Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            throw new InvalidOperationException($"Via sent-by '{via.Host}' is not an address and no received parameter is present");
        }
        return new IPEndPoint(address, via.RPort ?? via.Port ?? 5060);
    }
}
