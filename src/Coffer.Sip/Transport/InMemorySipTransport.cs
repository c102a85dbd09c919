using System.Net;
using System.Threading.Channels;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Transport;

/// <summary>One address on an <see cref="InMemorySipNetwork"/>, behaving as UDP (or, if reliable, as TCP).</summary>
public sealed class InMemorySipTransport : ISipTransport
{
    private readonly InMemorySipNetwork _network;
    private readonly InboundDispatcher _inbound;

    internal InMemorySipTransport(InMemorySipNetwork network, IPEndPoint address, bool reliable)
    {
        _network = network;
        LocalEndPoint = address;
        IsReliable = reliable;
        _inbound = new InboundDispatcher(this, new SipMessageParser(SipCompliance.Strict));
    }

    public string Protocol => IsReliable ? "TCP" : "UDP";
    public bool IsReliable { get; }
    public IPEndPoint LocalEndPoint { get; }
    public ChannelReader<SipInboundMessage> Incoming => _inbound.Reader;
    public long Malformed => _inbound.Malformed;

    public Task SendAsync(SipMessage message, IPEndPoint destination, CancellationToken cancellationToken = default) =>
        SendBytesAsync(SipMessageSerializer.Serialize(message), destination, cancellationToken);

    public Task SendBytesAsync(byte[] bytes, IPEndPoint destination, CancellationToken cancellationToken = default)
    {
        _network.Carry(bytes, LocalEndPoint, destination);
        return Task.CompletedTask;
    }

    internal void Receive(byte[] bytes, IPEndPoint source) => _inbound.Deliver(bytes, source);

    public ValueTask DisposeAsync()
    {
        _network.Detach(LocalEndPoint);
        _inbound.Complete();
        return ValueTask.CompletedTask;
    }
}
