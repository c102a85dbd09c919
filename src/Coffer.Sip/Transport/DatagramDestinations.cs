using System.Net;

namespace Coffer.Sip.Transport;

/// <summary>
/// The socket address of the last destination, kept so that answering the same peer again does not serialize its
/// <see cref="IPEndPoint"/> for every datagram. Safe for concurrent senders: the pair is replaced as a whole.
/// </summary>
internal sealed class DatagramDestinations
{
    private sealed record Last(IPEndPoint EndPoint, SocketAddress Address);

    private Last? _last;

    public SocketAddress AddressOf(IPEndPoint destination)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && last.EndPoint.Equals(destination))
        {
            return last.Address;
        }
        var address = destination.Serialize();
        Volatile.Write(ref _last, new Last(destination, address));
        return address;
    }
}
