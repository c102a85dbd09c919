using System.Net;
using System.Threading.Channels;
using Coffer.Sip.Message;

namespace Coffer.Sip.Transport;

/// <summary>
/// The transport layer (RFC 3261 §18): sends messages to an address and delivers each parsed message received.
/// Implementations: UDP, TCP, and an in-memory network for tests.
/// </summary>
public interface ISipTransport : IAsyncDisposable
{
    /// <summary>The Via transport token: "UDP", "TCP".</summary>
    string Protocol { get; }

    /// <summary>Reliable transports need no retransmission by the transaction layer (§17.1.1.2, §17.1.2.2).</summary>
    bool IsReliable { get; }

    IPEndPoint LocalEndPoint { get; }

    /// <summary>Messages received, parsed, with the received/rport of the top Via already set (§18.2.1).</summary>
    ChannelReader<SipInboundMessage> Incoming { get; }

    /// <summary>Messages that could not be parsed (the bytes are dropped; §18.3 lets a datagram be discarded).</summary>
    long Malformed { get; }

    Task SendAsync(SipMessage message, IPEndPoint destination, CancellationToken cancellationToken = default);

    /// <summary>Sends a message already serialized (a completed transaction's response, resent as it was).</summary>
    Task SendBytesAsync(byte[] bytes, IPEndPoint destination, CancellationToken cancellationToken = default);
}
