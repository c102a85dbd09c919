using System.Net;
using Coffer.Sip.Message;

namespace Coffer.Sip.Transactions;

/// <summary>RFC 3261 §17.1.2, Figure 6: Trying → Proceeding → Completed → Terminated; timers E, F, K.</summary>
public sealed class NonInviteClientTransaction : SipClientTransaction
{
    private readonly TransactionTimer _e;
    private readonly TransactionTimer _f;
    private readonly TransactionTimer _k;

    internal NonInviteClientTransaction(SipTransactionLayer layer, SipRequest request, IPEndPoint destination)
        : base(layer, request, destination, SipTransactionState.Trying)
    {
        _e = Timer(OnTimerE);
        _f = Timer(OnTimerF);
        _k = Timer(() => MoveTo(SipTransactionState.Terminated));
    }

    internal override void Start()
    {
        lock (Gate)
        {
            Send(Request, Remote);
            if (!Reliable)
            {
                _e.Start(Timers.T1);
            }
            _f.Start(Timers.TransactionTimeout);
        }
    }

    internal override void Receive(SipResponse response)
    {
        lock (Gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return; // Completed absorbs retransmitted responses.
            }
            PassUp(response);
            if (response.StatusCode < 200)
            {
                MoveTo(SipTransactionState.Proceeding);
                return;
            }
            _e.Stop();
            _f.Stop();
            MoveTo(SipTransactionState.Completed);
            StartOrFire(_k, Timers.K(Reliable), () => MoveTo(SipTransactionState.Terminated));
        }
    }

    /// <summary>Retransmit, doubling up to T2 in Trying; every T2 in Proceeding (§17.1.2.2).</summary>
    private void OnTimerE()
    {
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return;
        }
        Send(Request, Remote);
        var next = State == SipTransactionState.Trying ? _e.Interval * 2 : Timers.T2;
        _e.Start(next < Timers.T2 ? next : Timers.T2);
    }

    private void OnTimerF()
    {
        if (State is SipTransactionState.Trying or SipTransactionState.Proceeding)
        {
            Synthesize(408, "Request Timeout");
            MoveTo(SipTransactionState.Terminated);
        }
    }
}
