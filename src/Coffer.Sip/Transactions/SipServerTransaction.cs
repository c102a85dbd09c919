using System.Net;
using Coffer.Sip.Message;
using Coffer.Sip.Transport;

namespace Coffer.Sip.Transactions;

/// <summary>
/// A server transaction: holds the request for the TU, sends the TU's responses, and absorbs retransmissions of
/// the request by resending the last response (§17.2).
/// </summary>
public abstract class SipServerTransaction : SipTransaction
{
    private protected SipServerTransaction(SipTransactionLayer layer, string key, SipInboundMessage inbound, SipTransactionState initial)
        : base(layer, key, ResponseDestination(inbound), initial)
    {
        Request = (SipRequest)inbound.Message;
        Source = inbound.Remote;
        ReceivedTimestamp = inbound.ReceivedTimestamp;
    }

    public SipRequest Request { get; }

    /// <summary>Where the request came from.</summary>
    public IPEndPoint Source { get; }

    /// <summary>When the request arrived (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</summary>
    public long ReceivedTimestamp { get; }

    private protected SipResponse? LastResponse { get; set; }

    /// <summary>Sends a response of the TU through the transaction.</summary>
    public abstract void Respond(SipResponse response);

    internal abstract void ReceiveRetransmission(SipRequest request);

    internal virtual void Start()
    {
    }

    private protected void Transmit(SipResponse response)
    {
        LastResponse = response;
        Send(response, Remote);
    }

    /// <summary>
    /// §18.2.2: over a reliable transport the response goes back on the connection it came from; over UDP to the
    /// received address and rport of the top Via (RFC 3581 §4).
    /// </summary>
    private static IPEndPoint ResponseDestination(SipInboundMessage inbound) =>
        inbound.Transport.IsReliable ? inbound.Remote : ViaStamp.ResponseDestination(inbound.Message.TopVia!);
}
