using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Transport;

namespace Coffer.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.2.2, Figure 8: Trying → Proceeding → Completed → Terminated; timer J. Completed, it hands its key
/// and the final response's bytes to the layer (<see cref="CompletedServerTransactions"/>), which resends them to
/// retransmissions of the request and ends the transaction when J fires.
/// </summary>
public sealed class NonInviteServerTransaction : SipServerTransaction
{
    private byte[]? _final;

    internal NonInviteServerTransaction(SipTransactionLayer layer, string key, SipInboundMessage inbound)
        : base(layer, key, inbound, SipTransactionState.Trying)
    {
    }

    public override void Respond(SipResponse response)
    {
        lock (Gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return; // §17.2.2: once Completed, further responses of the TU are discarded.
            }
            if (response.StatusCode < 200)
            {
                Transmit(response);
                MoveTo(SipTransactionState.Proceeding);
                return;
            }
            var bytes = SipMessageSerializer.Serialize(response);
            LastResponse = null;
            _final = bytes;
            SendBytes(bytes, Remote);
            var j = Timers.J(Reliable);
            if (j == TimeSpan.Zero || State == SipTransactionState.Terminated)
            {
                // A reliable transport has no retransmissions to absorb (J = 0); a failed send ended it already.
                MoveTo(SipTransactionState.Terminated);
                return;
            }
            CompleteInLayer(bytes, j);
        }
    }

    internal override void ReceiveRetransmission(SipRequest request)
    {
        lock (Gate)
        {
            // Trying: discard; Proceeding and Completed: resend the last response.
            if (State == SipTransactionState.Completed && _final is not null)
            {
                SendBytes(_final, Remote);
            }
            else if (State == SipTransactionState.Proceeding && LastResponse is not null)
            {
                Transmit(LastResponse);
            }
        }
    }
}
