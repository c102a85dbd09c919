using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Transport;

/// <summary>SIP over UDP (RFC 3261 §18): one datagram per message, on a configured address and port.</summary>
public sealed class UdpSipTransport : ISipTransport
{
    private readonly Socket _socket;
    private readonly InboundDispatcher _inbound;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;

    /// <param name="traffic">Where the bytes received and sent are counted (default a counter of its own).</param>
    public UdpSipTransport(IPEndPoint bind, SipCompliance compliance = SipCompliance.Loose, SipTrafficCounter? traffic = null)
    {
        Traffic = traffic ?? new SipTrafficCounter();
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _inbound = new InboundDispatcher(this, new SipMessageParser(compliance));
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public string Protocol => "UDP";
    public bool IsReliable => false;
    public IPEndPoint LocalEndPoint { get; }
    public ChannelReader<SipInboundMessage> Incoming => _inbound.Reader;
    public long Malformed => _inbound.Malformed;

    /// <summary>The bytes of every datagram received and sent.</summary>
    public SipTrafficCounter Traffic { get; }

    /// <summary>
    /// Answer a request that does not parse, statelessly, with the 400 or 505 of its parse error when its Via, From,
    /// To, Call-ID and CSeq can still be read (RFC 3261 §8.2.2, RFC 4475 §3; <see cref="MalformedRequestAnswer"/>);
    /// otherwise, or when false, it is only counted in <see cref="Malformed"/> and dropped.
    /// </summary>
    public bool AnswerMalformedRequests
    {
        get => _inbound.AnswerMalformed;
        init => _inbound.AnswerMalformed = value;
    }

    public async Task SendAsync(SipMessage message, IPEndPoint destination, CancellationToken cancellationToken = default)
    {
        var bytes = SipMessageSerializer.Serialize(message);
        Traffic.AddSent(bytes.Length);
        await _socket.SendToAsync(bytes, SocketFlags.None, destination, cancellationToken);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65535];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException)
            {
                // An ICMP port unreachable from an earlier send surfaces here on Linux; the socket stays usable.
                continue;
            }
            Traffic.AddReceived(result.ReceivedBytes);
            _inbound.Deliver(buffer.AsSpan(0, result.ReceivedBytes), (IPEndPoint)result.RemoteEndPoint);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _receiveLoop;
        }
        catch (ObjectDisposedException)
        {
        }
        _inbound.Complete();
        _stop.Dispose();
    }
}
