using System.Net;
using System.Net.Sockets;

namespace Coffer.Sip.Transport;

/// <summary>
/// The sender of each datagram as an <see cref="IPEndPoint"/>, made only when the socket address differs from the
/// previous datagram's: a busy peer (a phone, a proxy, a load generator) sends many datagrams in a row. Used by the
/// single receive loop only.
/// </summary>
internal sealed class DatagramSources(AddressFamily family)
{
    private readonly IPEndPoint _template = new(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    private SocketAddress? _lastAddress;
    private IPEndPoint? _last;

    public IPEndPoint EndPointOf(SocketAddress received)
    {
        if (_last is not null && received.Equals(_lastAddress))
        {
            return _last;
        }
        var copy = new SocketAddress(received.Family, received.Size);
        received.Buffer.Span[..received.Size].CopyTo(copy.Buffer.Span);
        _lastAddress = copy;
        _last = (IPEndPoint)_template.Create(copy);
        return _last;
    }
}
