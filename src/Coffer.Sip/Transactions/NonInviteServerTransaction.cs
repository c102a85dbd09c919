using Coffer.Sip.Message;
using Coffer.Sip.Transport;

namespace Coffer.Sip.Transactions;

/// <summary>RFC 3261 §17.2.2, Figure 8: Trying → Proceeding → Completed → Terminated; timer J.</summary>
public sealed class NonInviteServerTransaction : SipServerTransaction
{
    private readonly TransactionTimer _j;

    internal NonInviteServerTransaction(SipTransactionLayer layer, string key, SipInboundMessage inbound)
        : base(layer, key, inbound, SipTransactionState.Trying)
    {
        _j = Timer(() => MoveTo(SipTransactionState.Terminated));
    }

    public override void Respond(SipResponse response)
    {
        lock (Gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return; // §17.2.2: once Completed, further responses of the TU are discarded.
            }
            Transmit(response);
            if (response.StatusCode < 200)
            {
                MoveTo(SipTransactionState.Proceeding);
                return;
            }
            MoveTo(SipTransactionState.Completed);
            StartOrFire(_j, Timers.J(Reliable), () => MoveTo(SipTransactionState.Terminated));
        }
    }

    internal override void ReceiveRetransmission(SipRequest request)
    {
        lock (Gate)
        {
            // Trying: discard; Proceeding and Completed: resend the last response.
            if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && LastResponse is not null)
            {
                Transmit(LastResponse);
            }
        }
    }
}
