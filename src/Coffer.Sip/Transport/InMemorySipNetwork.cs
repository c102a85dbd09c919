using System.Collections.Concurrent;
using System.Net;

namespace Coffer.Sip.Transport;

/// <summary>
/// A network in memory for tests: transports attached to it exchange serialized messages, which the receiving
/// side parses like bytes from a socket. <see cref="Drop"/> loses chosen datagrams to exercise retransmission.
/// </summary>
public sealed class InMemorySipNetwork
{
    private readonly ConcurrentDictionary<IPEndPoint, InMemorySipTransport> _nodes = new();

    /// <summary>Decides, for each message sent (its bytes, source, destination), whether the network loses it.</summary>
    public Func<byte[], IPEndPoint, IPEndPoint, bool>? Drop { get; set; }

    public long Sent { get; private set; }

    /// <summary>Messages handed to a transport attached to the network (sent, not lost, to an attached address).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    private long _delivered;

    public InMemorySipTransport Attach(IPEndPoint address, bool reliable = false)
    {
        var transport = new InMemorySipTransport(this, address, reliable);
        return _nodes.TryAdd(address, transport) ? transport : throw new InvalidOperationException($"{address} is in use");
    }

    internal void Detach(IPEndPoint address) => _nodes.TryRemove(address, out _);

    internal void Carry(byte[] bytes, IPEndPoint source, IPEndPoint destination)
    {
        Sent++;
        if (Drop?.Invoke(bytes, source, destination) == true)
        {
            return;
        }
        if (_nodes.TryGetValue(destination, out var target))
        {
            Interlocked.Increment(ref _delivered);
            target.Receive(bytes, source);
        }
    }
}
