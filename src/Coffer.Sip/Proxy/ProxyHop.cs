using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Proxy;

/// <summary>This proxy as a hop: its Via and Record-Route values, and recognizing its own Route and Via entries.</summary>
public sealed class ProxyHop(IPEndPoint address, string transport)
{
    public IPEndPoint Address { get; } = address;
    public string Transport { get; } = transport;

    private string Host => Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address.Address}]" : Address.Address.ToString();

    /// <summary>§16.6 step 8: a Via of our own with a new branch.</summary>
    public string Via(string branch) =>
        $"SIP/2.0/{Transport} {Host}:{Address.Port.ToString(CultureInfo.InvariantCulture)};branch={branch}";

    /// <summary>§16.6 step 4: a Record-Route URI that loose-routes (lr) back to this address and transport.</summary>
    public string RecordRoute()
    {
        var uri = SipUri.Sip(null, Host, Address.Port);
        if (Transport != "UDP")
        {
            uri.Parameters.Set("transport", Transport.ToLowerInvariant());
        }
        uri.Parameters.Set("lr", null);
        return $"<{uri}>";
    }

    public bool IsOwn(SipUri uri) =>
        uri.IsSip && SameHost(uri.Host) && (uri.Port ?? 5060) == Address.Port;

    public bool IsOwn(SipVia via) => SameHost(via.Host) && (via.Port ?? 5060) == Address.Port;

    /// <summary>
    /// §16.4: when the top Route names this proxy it is removed. Returns whether it did (the request was routed
    /// here by a Record-Route of ours, or by a pre-loaded route).
    /// </summary>
    public bool PopOwnRoute(SipRequest request)
    {
        var index = request.Headers.FindIndex(h => h.Name == HeaderNames.Route);
        if (index < 0)
        {
            return false;
        }
        var route = HeaderValueParser.ParseNameAddress(request.Headers[index].Value, SipCompliance.Loose);
        if (!IsOwn(route.Uri))
        {
            return false;
        }
        request.Headers.RemoveAt(index);
        return true;
    }

    /// <summary>§16.6 steps 3 and 8: Max-Forwards one less (70 when absent), our Via on top with a new branch.</summary>
    public void Stamp(SipRequest request)
    {
        request.Headers.Set(HeaderNames.MaxForwards, ((request.MaxForwards ?? 71) - 1).ToString(CultureInfo.InvariantCulture));
        var first = request.Headers.FindIndex(h => h.Name == HeaderNames.Via);
        request.Headers.Insert(first < 0 ? 0 : first, new SipHeader(HeaderNames.Via, Via(SipTransactionLayer.NewBranch())));
    }

    private bool SameHost(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var ip) && ip.Equals(Address.Address);
}
