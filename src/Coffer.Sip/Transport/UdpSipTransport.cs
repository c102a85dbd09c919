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
    private readonly DatagramDestinations _destinations = new();

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

    /// <summary>
    /// The socket's receive buffer (SO_RCVBUF): the datagrams that wait while the receive loop is busy or the process
    /// pauses (a GC). A full buffer drops datagrams in the kernel (UdpRcvbufErrors) and the client retransmits only
    /// after T1 = 500 ms (RFC 3261 §17.1.2.2), so its size bounds the tail latency under load. Linux caps a request at
    /// net.core.rmem_max and reports twice the size granted (its bookkeeping overhead, socket(7)); 0 keeps the
    /// system default.
    /// </summary>
    public int ReceiveBufferBytes
    {
        get => _socket.ReceiveBufferSize;
        init
        {
            if (value > 0)
            {
                _socket.ReceiveBufferSize = value;
            }
        }
    }

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

    public Task SendAsync(SipMessage message, IPEndPoint destination, CancellationToken cancellationToken = default) =>
        SendBytesAsync(SipMessageSerializer.Serialize(message), destination, cancellationToken);

    /// <summary>
    /// A datagram send does not wait for the peer, so it is made at once on the caller's thread (no task per
    /// datagram); a failure (an ICMP error reported by the kernel) comes back as a faulted task, as before.
    /// </summary>
    public Task SendBytesAsync(byte[] bytes, IPEndPoint destination, CancellationToken cancellationToken = default)
    {
        Traffic.AddSent(bytes.Length);
        try
        {
            _socket.SendTo(bytes, SocketFlags.None, _destinations.AddressOf(destination));
            return Task.CompletedTask;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return Task.FromException(e);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65535];
        // One socket address filled by every receive; the sender's IPEndPoint is made only when it changes.
        var received = new SocketAddress(_socket.AddressFamily);
        var sources = new DatagramSources(LocalEndPoint.AddressFamily);
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, received, _stop.Token);
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
            Traffic.AddReceived(length);
            _inbound.Deliver(buffer.AsSpan(0, length), sources.EndPointOf(received));
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
