using System.Net;
using Coffer.Sip.Location;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Proxy;

/// <summary>
/// The registrar's location service as the proxy's targets (RFC 3261 §16.5): a device's binding becomes its Contact and
/// the address to send to. A binding registered over this proxy's transport is reached where its REGISTER came from
/// (the source address, which is what works through a NAT, RFC 3581); one registered over another transport at the
/// host and port of its Contact, when that is an address. Most recently refreshed first.
/// </summary>
public sealed class LocationProxyTargets(ISipLocationService location, string transport) : IProxyTargets
{
    public async ValueTask<IReadOnlyList<ProxyTarget>> FindAsync(string user, string? device, CancellationToken cancellationToken = default)
    {
        var bindings = await location.GetAsync(user, cancellationToken).ConfigureAwait(false);
        var targets = new List<ProxyTarget>();
        foreach (var binding in bindings.Where(b => device == null || string.Equals(b.Device, device, StringComparison.Ordinal)).OrderByDescending(b => b.ExpiresAt))
        {
            var contact = SipUriParser.Parse(binding.Contact);
            if (Destination(binding, contact) is { } destination)
            {
                targets.Add(new ProxyTarget(binding.Device, contact, destination));
            }
        }

        return targets;
    }

    private IPEndPoint? Destination(SipBinding binding, SipUri contact)
    {
        var space = binding.Received.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0
            && string.Equals(binding.Received[..space], transport, StringComparison.OrdinalIgnoreCase)
            && IPEndPoint.TryParse(binding.Received[(space + 1)..], out var source))
        {
            return source;
        }

        return IPAddress.TryParse(contact.Host.Trim('[', ']'), out var address) ? new IPEndPoint(address, contact.Port ?? 5060) : null;
    }
}
