using System.Net;
using Coffer.Sip.Message;
using Coffer.Sip.Session;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Proxy;

/// <summary>
/// One INVITE forwarded statefully (RFC 3261 §16.6–§16.8, §16.10): its client transaction, Timer C, a CANCEL
/// from the caller, and the responses relayed to the caller's server transaction.
/// </summary>
internal sealed class InviteRelay(
    SipTransactionLayer layer,
    ProxyHop hop,
    PeerSessionTable sessions,
    SipServerTransaction server,
    SipRequest forwarded,
    IPEndPoint destination,
    TimeSpan timerC)
{
    private readonly Lock _gate = new();
    private readonly string _toTag = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
    private bool _provisional;
    private bool _final;
    private bool _cancelRequested;
    private bool _cancelSent;

    // §16.8: after Timer C, a branch that does not answer its CANCEL is given up 64*T1 later.
    private readonly CancellationTokenSource _abandon = new(Timeout.InfiniteTimeSpan, layer.Time);

    private string CallId => forwarded.CallId!;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var client = layer.Send(forwarded, destination);
        using var timer = layer.Time.CreateTimer(_ => OnTimerC(), null, timerC, Timeout.InfiniteTimeSpan);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abandon.Token);
        try
        {
            await RelayAsync(client, timer, stop.Token);
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                _final = true;
            }
            _abandon.Dispose();
        }
    }

    private async Task RelayAsync(SipClientTransaction client, ITimer timer, CancellationToken cancellationToken)
    {
        await foreach (var response in client.Responses.ReadAllAsync(cancellationToken))
        {
            // §16.7 step 5: a 100 is not forwarded (the server transaction sent its own).
            if (response.StatusCode == 100)
            {
                continue;
            }
            if (response.StatusCode < 200)
            {
                OnProvisional(response, timer);
                continue;
            }
            await OnFinalAsync(response, cancellationToken);
            break;
        }
    }

    /// <summary>Whether the caller has its final response (or is about to): a CANCEL then finds nothing pending.</summary>
    public bool Answered
    {
        get
        {
            lock (_gate)
            {
                return _final;
            }
        }
    }

    /// <summary>§16.10: the caller's CANCEL. The CANCEL downstream waits for a provisional response (§9.1).</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (_final)
            {
                return;
            }
            _cancelRequested = true;
            if (_provisional)
            {
                SendCancel();
            }
        }
    }

    private void OnProvisional(SipResponse response, ITimer timer)
    {
        lock (_gate)
        {
            if (_final)
            {
                return;
            }
            _provisional = true;
            // §16.7 step 2: a provisional response restarts Timer C.
            timer.Change(timerC, Timeout.InfiniteTimeSpan);
            if (_cancelRequested)
            {
                SendCancel();
            }
            server.Respond(ResponseRelay.Upstream(response, _toTag));
        }
    }

    private async Task OnFinalAsync(SipResponse response, CancellationToken cancellationToken)
    {
        bool relayed;
        lock (_gate)
        {
            relayed = !_final;
            _final = true;
        }
        if (!relayed)
        {
            // We answered already (Timer C); a 2xx must still reach the caller (§16.7 step 4).
            if (response.StatusCode < 300)
            {
                await ResponseRelay.ForwardStatelessAsync(layer, hop, response, cancellationToken);
            }
            return;
        }
        if (response.StatusCode < 300)
        {
            // Before the 2xx leaves: the caller's ACK, which moves the session on, may come back at once.
            sessions.Update(CallId, PeerSessionState.Answered, Answer(response));
            server.Respond(ResponseRelay.Upstream(response, _toTag));
        }
        else
        {
            server.Respond(ResponseRelay.Upstream(response, _toTag));
            var outcome = response.StatusCode == 487 && _cancelRequested ? PeerSessionOutcome.Cancelled
                : response.StatusCode == 408 ? PeerSessionOutcome.TimedOut
                : PeerSessionOutcome.Failed;
            sessions.End(CallId, outcome, response.StatusCode);
        }
    }

    /// <summary>§16.8: Timer C fired. With a provisional response the branch is cancelled; the caller gets 408.</summary>
    private void OnTimerC()
    {
        lock (_gate)
        {
            if (_final)
            {
                return;
            }
            _final = true;
            // Ended before the CANCEL goes: the callee's 487 must not find the session still inviting.
            sessions.End(CallId, PeerSessionOutcome.TimedOut, 408);
            server.Respond(SipResponses.Create(server.Request, 408, "Request Timeout", _toTag));
            if (_provisional)
            {
                SendCancel();
            }
            _abandon.CancelAfter(layer.Timers.TransactionTimeout);
        }
    }

    /// <summary>§9.1: the CANCEL copies the forwarded INVITE's Request-URI, top Via (our branch), Call-ID, From, To, Route and CSeq number.</summary>
    private void SendCancel()
    {
        if (_cancelSent)
        {
            return;
        }
        _cancelSent = true;
        var cancel = new SipRequest { Method = SipMethods.Cancel, Uri = forwarded.Uri };
        cancel.Headers.Add(HeaderNames.Via, forwarded.Headers.First(HeaderNames.Via)!);
        cancel.Headers.Add(HeaderNames.MaxForwards, "70");
        cancel.Headers.Add(HeaderNames.From, forwarded.Headers.First(HeaderNames.From)!);
        cancel.Headers.Add(HeaderNames.To, forwarded.Headers.First(HeaderNames.To)!);
        cancel.Headers.Add(HeaderNames.CallId, CallId);
        cancel.Headers.Add(HeaderNames.CSeq, new SipCSeq(forwarded.CSeq!.Number, SipMethods.Cancel).ToString());
        foreach (var route in forwarded.Headers.Values(HeaderNames.Route))
        {
            cancel.Headers.Add(HeaderNames.Route, route);
        }
        layer.Send(cancel, destination);
    }

    /// <summary>The callee's answer, when its 2xx carries a valid session description (the proxy relays it either way).</summary>
    private static SessionDescription? Answer(SipResponse response)
    {
        try
        {
            return SessionDescriptionBody.Read(response);
        }
        catch (SessionDescriptionException)
        {
            return null;
        }
    }
}
