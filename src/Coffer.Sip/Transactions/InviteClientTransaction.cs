using System.Net;
using Coffer.Sip.Message;

namespace Coffer.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.1.1, Figure 5: Calling → Proceeding → Completed → Terminated; timers A, B, D. A 3xx–6xx is
/// acknowledged here; a 2xx ends the transaction and its ACK is the TU's (§13.2.2.4).
/// </summary>
public sealed class InviteClientTransaction : SipClientTransaction
{
    private readonly TransactionTimer _a;
    private readonly TransactionTimer _b;
    private readonly TransactionTimer _d;
    private SipRequest? _ack;

    internal InviteClientTransaction(SipTransactionLayer layer, SipRequest request, IPEndPoint destination)
        : base(layer, request, destination, SipTransactionState.Calling)
    {
        _a = Timer(OnTimerA);
        _b = Timer(OnTimerB);
        _d = Timer(() => MoveTo(SipTransactionState.Terminated));
    }

    internal override void Start()
    {
        lock (Gate)
        {
            Send(Request, Remote);
            if (!Reliable)
            {
                _a.Start(Timers.T1);
            }
            _b.Start(Timers.TransactionTimeout);
        }
    }

    internal override void Receive(SipResponse response)
    {
        lock (Gate)
        {
            switch (State)
            {
                case SipTransactionState.Calling or SipTransactionState.Proceeding when response.StatusCode < 200:
                    _a.Stop();
                    _b.Stop();
                    MoveTo(SipTransactionState.Proceeding);
                    PassUp(response);
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding when response.StatusCode < 300:
                    PassUp(response);
                    MoveTo(SipTransactionState.Terminated);
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding:
                    _a.Stop();
                    _b.Stop();
                    _ack = SipResponses.Ack(Request, response);
                    Send(_ack, Remote);
                    PassUp(response);
                    MoveTo(SipTransactionState.Completed);
                    StartOrFire(_d, Timers.D(Reliable), () => MoveTo(SipTransactionState.Terminated));
                    break;
                case SipTransactionState.Completed when response.StatusCode >= 300:
                    // A retransmitted final response: acknowledge again, do not pass up (§17.1.1.2).
                    Send(_ack!, Remote);
                    break;
            }
        }
    }

    /// <summary>Retransmit the INVITE, doubling the interval each time (§17.1.1.2).</summary>
    private void OnTimerA()
    {
        if (State != SipTransactionState.Calling)
        {
            return;
        }
        Send(Request, Remote);
        _a.Start(_a.Interval * 2);
    }

    private void OnTimerB()
    {
        if (State == SipTransactionState.Calling)
        {
            Synthesize(408, "Request Timeout");
            MoveTo(SipTransactionState.Terminated);
        }
    }
}
