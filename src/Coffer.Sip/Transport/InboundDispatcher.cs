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

    /// <summary>Answer a request that does not parse with 400/505 when it can be answered (<see cref="MalformedRequestAnswer"/>).</summary>
    public bool AnswerMalformed { get; set; }

    public void Deliver(ReadOnlySpan<byte> data, IPEndPoint remote)
    {
        if (!parser.TryParse(data, out var message, out var error))
        {
            Interlocked.Increment(ref _malformed);
            if (AnswerMalformed && MalformedRequestAnswer.Build(data, error!, remote, transport.IsReliable) is { } answer)
            {
                _ = SendQuietlyAsync(answer);
            }
            return;
        }
        if (message is SipRequest request)
        {
            ViaStamp.Apply(request, remote);
        }
        _channel.Writer.TryWrite(new SipInboundMessage(message!, remote, transport));
    }

    private async Task SendQuietlyAsync(MalformedRequestAnswer answer)
    {
        try
        {
            await transport.SendAsync(answer.Response, answer.Destination).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // A stateless answer is best effort: the sender retransmits or gives up (§18.2.2).
        }
    }

    public void Complete() => _channel.Writer.TryComplete();
}
