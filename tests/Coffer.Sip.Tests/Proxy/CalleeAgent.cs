using System.Net;
using System.Threading.Channels;
using Coffer.Sip.Message;
using Coffer.Sip.Session;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Tests.Proxy;

/// <summary>
/// The called device, a user agent made of the stack's layers: checks the offer (SessionOfferCheck), answers with
/// its listening address (seed 003 step 15), copies Record-Route into the 2xx (RFC 3261 §12.1.1), answers CANCEL
/// with 200 and the INVITE with 487 (§9.2), and BYE with 200.
/// </summary>
public sealed class CalleeAgent : IAsyncDisposable
{
    private readonly SipTransactionLayer _layer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _requests;
    private readonly Task _strays;
    private readonly SessionOfferCheck _check = new(offer => offer.Protocol == PeerSyncProtocol.SyncML || offer.DataType is PeerDataType.Files or PeerDataType.Pictures or PeerDataType.Music);
    private SipServerTransaction? _ringing;

    public CalleeAgent(SipTransactionLayer layer, CalleeMode mode)
    {
        _layer = layer;
        Mode = mode;
        _requests = Task.Run(ServeRequestsAsync);
        _strays = Task.Run(ServeStraysAsync);
    }

    public CalleeMode Mode { get; set; }

    /// <summary>Where the callee listens for the direct transfer (the answer's destination).</summary>
    public IPEndPoint Listening => new(_layer.Transport.LocalEndPoint.Address, 50000);

    public Channel<SipRequest> Received { get; } = Channel.CreateUnbounded<SipRequest>();

    public async Task<SipRequest> NextAsync(string method)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var request = await Received.Reader.ReadAsync(guard.Token);
            if (request.Method == method)
            {
                return request;
            }
        }
    }

    /// <summary>§12.1.1, §15: the callee's BYE goes to the caller's Contact along the Record-Route, in order.</summary>
    public async Task<SipResponse> ByeAsync(SipRequest invite, IPEndPoint proxy)
    {
        var bye = new SipRequest { Method = SipMethods.Bye, Uri = invite.Contacts[0].Uri };
        bye.Headers.Add(HeaderNames.Via, $"SIP/2.0/{_layer.Transport.Protocol} {_layer.Transport.LocalEndPoint};branch={SipTransactionLayer.NewBranch()}");
        bye.Headers.Add(HeaderNames.MaxForwards, "70");
        foreach (var route in invite.Headers.Values(HeaderNames.RecordRoute))
        {
            bye.Headers.Add(HeaderNames.Route, route);
        }
        var to = invite.To!;
        to.Tag = "callee";
        bye.Headers.Add(HeaderNames.From, to.ToString());
        bye.Headers.Add(HeaderNames.To, invite.Headers.First(HeaderNames.From)!);
        bye.Headers.Add(HeaderNames.CallId, invite.CallId!);
        bye.Headers.Add(HeaderNames.CSeq, new SipCSeq(1, SipMethods.Bye).ToString());
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _layer.Send(bye, proxy).FinalResponse.WaitAsync(guard.Token);
    }

    private async Task ServeRequestsAsync()
    {
        await foreach (var transaction in _layer.Requests.ReadAllAsync(_stop.Token))
        {
            var request = transaction.Request;
            Received.Writer.TryWrite(request);
            switch (request.Method)
            {
                case SipMethods.Invite:
                    OnInvite(transaction);
                    break;
                case SipMethods.Cancel:
                    transaction.Respond(SipResponses.Create(request, 200, "OK", "callee"));
                    if (_ringing is { } ringing)
                    {
                        ringing.Respond(SipResponses.Create(ringing.Request, 487, "Request Terminated", "callee"));
                    }
                    break;
                default:
                    transaction.Respond(SipResponses.Create(request, 200, "OK", "callee"));
                    break;
            }
        }
    }

    private void OnInvite(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        var check = _check.Check(request, "callee");
        if (check.Error is { } error)
        {
            transaction.Respond(error);
            return;
        }
        if (Mode == CalleeMode.Busy)
        {
            transaction.Respond(SipResponses.Create(request, 486, "Busy Here", "callee"));
            return;
        }
        transaction.Respond(SipResponses.Create(request, 180, "Ringing", "callee"));
        if (Mode == CalleeMode.Ring)
        {
            _ringing = transaction;
            return;
        }
        var ok = SipResponses.Create(request, 200, "OK", "callee");
        foreach (var route in request.Headers.Values(HeaderNames.RecordRoute))
        {
            ok.Headers.Add(HeaderNames.RecordRoute, route);
        }
        ok.Headers.Add(HeaderNames.Contact, $"<sip:callee@{_layer.Transport.LocalEndPoint}>");
        SessionDescriptionBody.Attach(ok, check.Offer!.Answer(Listening));
        transaction.Respond(ok);
    }

    private async Task ServeStraysAsync()
    {
        await foreach (var stray in _layer.Strays.ReadAllAsync(_stop.Token))
        {
            if (stray.Message is SipRequest request)
            {
                Received.Writer.TryWrite(request);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_requests, _strays).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
