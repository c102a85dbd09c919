using Coffer.Sip.Message;
using Coffer.Sip.Transport;

namespace Coffer.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.2.1, Figure 7: Proceeding → Completed → Confirmed → Terminated; timers G, H, I. It answers
/// 100 Trying at once (the TU may take longer than 200 ms). A 2xx ends it: the 2xx and its ACK are the TU's.
/// </summary>
public sealed class InviteServerTransaction : SipServerTransaction
{
    private readonly TransactionTimer _g;
    private readonly TransactionTimer _h;
    private readonly TransactionTimer _i;
    private readonly TaskCompletionSource<bool> _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal InviteServerTransaction(SipTransactionLayer layer, string key, SipInboundMessage inbound)
        : base(layer, key, inbound, SipTransactionState.Proceeding)
    {
        _g = Timer(OnTimerG);
        _h = Timer(OnTimerH);
        _i = Timer(() => MoveTo(SipTransactionState.Terminated));
    }

    /// <summary>True when the ACK of a 3xx–6xx arrived, false when timer H gave up on it.</summary>
    public Task<bool> Acknowledged => _acknowledged.Task;

    internal override void Start()
    {
        lock (Gate)
        {
            Transmit(SipResponses.Create(Request, 100, "Trying"));
        }
    }

    public override void Respond(SipResponse response)
    {
        lock (Gate)
        {
            if (State != SipTransactionState.Proceeding)
            {
                return;
            }
            Transmit(response);
            if (response.StatusCode < 200)
            {
                return;
            }
            if (response.StatusCode < 300)
            {
                MoveTo(SipTransactionState.Terminated);
                return;
            }
            MoveTo(SipTransactionState.Completed);
            if (!Reliable)
            {
                _g.Start(Timers.T1);
            }
            _h.Start(Timers.TransactionTimeout);
        }
    }

    internal override void ReceiveRetransmission(SipRequest request)
    {
        lock (Gate)
        {
            if (request.Method == SipMethods.Ack)
            {
                if (State == SipTransactionState.Completed)
                {
                    _g.Stop();
                    _h.Stop();
                    _acknowledged.TrySetResult(true);
                    MoveTo(SipTransactionState.Confirmed);
                    StartOrFire(_i, Timers.I(Reliable), () => MoveTo(SipTransactionState.Terminated));
                }
                return;
            }
            if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && LastResponse is not null)
            {
                Transmit(LastResponse);
            }
        }
    }

    /// <summary>Retransmit the final response, doubling up to T2 (§17.2.1).</summary>
    private void OnTimerG()
    {
        if (State != SipTransactionState.Completed)
        {
            return;
        }
        Transmit(LastResponse!);
        var next = _g.Interval * 2;
        _g.Start(next < Timers.T2 ? next : Timers.T2);
    }

    private void OnTimerH()
    {
        if (State == SipTransactionState.Completed)
        {
            _acknowledged.TrySetResult(false);
            MoveTo(SipTransactionState.Terminated);
        }
    }

    private protected override void OnTerminated() => _acknowledged.TrySetResult(false);
}
