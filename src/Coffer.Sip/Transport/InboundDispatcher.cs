using System.Net;
using System.Threading.Channels;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Transport;

/// <summary>Parses what a transport received, stamps the top Via of requests and queues the message.</summary>
internal sealed class InboundDispatcher(ISipTransport transport, SipMessageParser parser)
{
    private readonly Channel<SipInboundMessage> _channel = Channel.CreateUnbounded<SipInboundMessage>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private long _malformed;

    public ChannelReader<SipInboundMessage> Reader => _channel.Reader;

    public long Malformed => Interlocked.Read(ref _malformed);

    public void Deliver(ReadOnlySpan<byte> data, IPEndPoint remote)
    {
        if (!parser.TryParse(data, out var message, out _))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }
        if (message is SipRequest request)
        {
            ViaStamp.Apply(request, remote);
        }
        _channel.Writer.TryWrite(new SipInboundMessage(message!, remote, transport));
    }

    public void Complete() => _channel.Writer.TryComplete();
}
