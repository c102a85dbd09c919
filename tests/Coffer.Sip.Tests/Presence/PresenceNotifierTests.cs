using System.Net;
using System.Text;
using Coffer.Sip.Auth;
using Coffer.Sip.Location;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Presence;
using Coffer.Sip.Tests.Auth;
using Coffer.Sip.Tests.Registrar;
using Coffer.Sip.Transactions;
using Coffer.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Sip.Tests.Presence;

/// <summary>
/// RFC 6665 with the coffer-peers package: a subscriber and the notifier each on a UDP socket of 127.0.0.1, the
/// subscription's clock and the bindings' in simulated time.
/// </summary>
public sealed class PresenceNotifierTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemorySipLocationService _location;
    private readonly ObservedSipLocationService _observed;
    private readonly PresenceNotifier _notifier;
    private readonly UdpSipTransport _serverTransport = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpSipTransport _clientTransport = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly SipTransactionLayer _server;
    private readonly SipTransactionLayer _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private uint _cseq;

    public PresenceNotifierTests()
    {
        _location = new InMemorySipLocationService(_time);
        var nonces = new DigestNonces(Encoding.UTF8.GetBytes("a server key of thirty-two bytes"), _time, TimeSpan.FromMinutes(5));
        var authenticator = new DigestAuthenticator("coffer", nonces, new Ha1Accounts().Add("alice", "coffer", "s3cret").Add("bob", "coffer", "b0b"));
        _notifier = new PresenceNotifier(authenticator, _location, new AllowanceThrottle(2), new PresenceOptions(), _time);
        _observed = new ObservedSipLocationService(_location, user => _ = _notifier.DevicesChangedAsync(user));
        _server = new SipTransactionLayer(_serverTransport);
        _client = new SipTransactionLayer(_clientTransport);
        _serving = Task.Run(async () =>
        {
            await foreach (var transaction in _server.Requests.ReadAllAsync(_stop.Token))
            {
                _ = _notifier.HandleAsync(transaction, _server, _stop.Token);
            }
        });
    }

    [Fact]
    public async Task A_fetch_is_challenged_then_answered_200_and_one_terminated_notify_with_the_devices_online()
    {
        await RegisterAsync("phone", "sip:phone@192.0.2.10:5062", TimeSpan.FromSeconds(60));
        var challenge = await SubscribeAsync(expires: 0);
        challenge.StatusCode.ShouldBe(401);

        var ok = await SubscribeAsync(expires: 0, authorize: challenge);
        ok.StatusCode.ShouldBe(200);
        ok.Headers.First(HeaderNames.Expires).ShouldBe("0");
        ok.To!.Tag.ShouldNotBeNull();

        var notify = await NextNotifyAsync();
        notify.Headers.First(HeaderNames.SubscriptionState).ShouldBe("terminated;reason=timeout");
        notify.Headers.First(HeaderNames.Event).ShouldBe("coffer-peers");
        notify.From!.Tag.ShouldBe(ok.To.Tag);
        notify.CallId.ShouldBe(ok.CallId);
        notify.Uri.ToString().ShouldBe($"sip:watcher@{_clientTransport.LocalEndPoint}");
        var list = PeerListXml.Parse(notify.Body);
        list.User.ShouldBe("alice");
        list.Devices.ShouldBe([new PeerListDevice("phone", "sip:phone@192.0.2.10:5062", "UDP 192.0.2.10:5062", _time.GetUtcNow().AddSeconds(60))]);
        _notifier.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_subscription_is_notified_when_a_device_comes_online_and_when_it_expires_then_ends_with_its_interval()
    {
        var ok = await SubscribeAsync(expires: 3600, authorize: await SubscribeAsync(expires: 3600));
        ok.StatusCode.ShouldBe(200);
        ok.Headers.First(HeaderNames.Expires).ShouldBe("60", "shortened to the maximum");
        var first = await NextNotifyAsync();
        first.Headers.First(HeaderNames.SubscriptionState).ShouldBe("active;expires=60");
        PeerListXml.Parse(first.Body).Devices.ShouldBeEmpty();

        await RegisterAsync("phone", "sip:phone@192.0.2.10:5062", TimeSpan.FromSeconds(20));
        var online = await NextNotifyAsync();
        online.CSeq!.Number.ShouldBe(first.CSeq!.Number + 1);
        PeerListXml.Parse(online.Body).Devices.ShouldHaveSingleItem().Id.ShouldBe("phone");

        // A refresh of the same binding changes nothing a subscriber is told: no NOTIFY (the next one shows the expiry).
        await RegisterAsync("phone", "sip:phone@192.0.2.10:5062", TimeSpan.FromSeconds(20));
        _time.Advance(TimeSpan.FromSeconds(21));
        // The poll waits for the NOTIFY's answer, which the subscriber gives once it received it.
        var poll = _notifier.PollAsync();
        var offline = await NextNotifyAsync();
        await poll;
        PeerListXml.Parse(offline.Body).Devices.ShouldBeEmpty();
        offline.Headers.First(HeaderNames.SubscriptionState).ShouldBe("active;expires=39");

        _time.Advance(TimeSpan.FromSeconds(40));
        poll = _notifier.PollAsync();
        (await NextNotifyAsync()).Headers.First(HeaderNames.SubscriptionState).ShouldBe("terminated;reason=timeout");
        await poll;
        _notifier.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_refresh_inside_the_dialog_renews_and_notifies_and_expires_zero_removes()
    {
        var ok = await SubscribeAsync(expires: 30, authorize: await SubscribeAsync(expires: 30));
        await NextNotifyAsync();
        var tag = ok.To!.Tag!;

        var refreshed = await SubscribeAsync(expires: 40, authorize: ok, toTag: tag, challenge: await SubscribeAsync(expires: 40, toTag: tag));
        refreshed.StatusCode.ShouldBe(200);
        (await NextNotifyAsync()).Headers.First(HeaderNames.SubscriptionState).ShouldBe("active;expires=40");

        var removed = await SubscribeAsync(expires: 0, toTag: tag, challenge: await SubscribeAsync(expires: 0, toTag: tag));
        removed.StatusCode.ShouldBe(200);
        (await NextNotifyAsync()).Headers.First(HeaderNames.SubscriptionState).ShouldBe("terminated;reason=timeout");
        _notifier.Count.ShouldBe(0);

        var unknown = await SubscribeAsync(expires: 30, toTag: tag, challenge: await SubscribeAsync(expires: 30, toTag: tag));
        unknown.StatusCode.ShouldBe(481);
    }

    [Theory]
    [InlineData("Event: presence\r\n", 0, 489)]
    [InlineData("", 0, 489)]
    [InlineData("Event: coffer-peers\r\nAccept: application/pidf+xml\r\n", 0, 406)]
    [InlineData("Event: coffer-peers\r\n", 5, 423)]
    public async Task Requests_the_notifier_cannot_serve_are_refused_before_any_notify(string headers, int expires, int status)
    {
        var response = await SendAsync(Subscribe(expires, headers, user: "alice", toTag: null, authorization: null));
        response.StatusCode.ShouldBe(status == 423 ? 401 : status);
        if (status == 489)
        {
            response.Headers.First(HeaderNames.AllowEvents).ShouldBe("coffer-peers");
        }
        if (status == 423)
        {
            var authorized = await SendAsync(Subscribe(expires, headers, "alice", null, Authorization(response, "alice", "s3cret")));
            authorized.StatusCode.ShouldBe(423);
            authorized.Headers.First("Min-Expires").ShouldBe("10");
        }
        _notifier.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_device_cannot_watch_another_account_and_wrong_passwords_are_throttled()
    {
        var challenge = await SendAsync(Subscribe(30, "Event: coffer-peers\r\n", "bob", null, null));
        (await SendAsync(Subscribe(30, "Event: coffer-peers\r\n", "bob", null, Authorization(challenge, "alice", "s3cret")))).StatusCode.ShouldBe(403);

        for (var i = 0; i < 2; i++)
        {
            (await SendAsync(Subscribe(30, "Event: coffer-peers\r\n", "alice", null, Authorization(challenge, "alice", "wrong")))).StatusCode.ShouldBe(401);
        }
        var blocked = await SendAsync(Subscribe(30, "Event: coffer-peers\r\n", "alice", null, Authorization(challenge, "alice", "s3cret")));
        blocked.StatusCode.ShouldBe(503);
        blocked.Headers.First("Retry-After").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_notify_refused_with_481_ends_the_subscription()
    {
        await SubscribeAsync(expires: 30, authorize: await SubscribeAsync(expires: 30));
        await NextNotifyAsync();
        _notifier.Count.ShouldBe(1);

        await RegisterAsync("laptop", "sip:laptop@192.0.2.11:5062", TimeSpan.FromSeconds(30));
        var notify = await _client.Requests.ReadAsync().AsTask().WaitAsync(Wait);
        notify.Respond(SipResponses.Create(notify.Request, 481, "Subscription Does Not Exist"));
        var deadline = DateTime.UtcNow + Wait;
        while (_notifier.Count > 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the subscription ends");
            await Task.Delay(20);
        }
    }

    private Task RegisterAsync(string device, string contact, TimeSpan interval) =>
        _observed.ApplyAsync("alice", [new SipBinding("alice", device, contact, "UDP " + contact[(contact.IndexOf('@') + 1)..], _time.GetUtcNow() + interval, "reg-" + device, ++_cseq, "node-a")], []);

    private async Task<SipResponse> SubscribeAsync(int expires, SipResponse? authorize = null, string? toTag = null, SipResponse? challenge = null)
    {
        var from = challenge ?? authorize;
        var authorization = from is { StatusCode: 401 } ? Authorization(from, "alice", "s3cret") : null;
        var response = await SendAsync(Subscribe(expires, "Event: coffer-peers\r\n", "alice", toTag, authorization));
        return response;
    }

    private static string? Authorization(SipResponse challenge, string user, string password) =>
        DigestClient.Authorize(challenge.Headers.Values(HeaderNames.WwwAuthenticate).First(), user, password, "SUBSCRIBE", $"sip:{user}@127.0.0.1");

    private SipRequest Subscribe(int expires, string headers, string user, string? toTag, string? authorization) =>
        (SipRequest)new SipMessageParser().Parse(Encoding.UTF8.GetBytes(
            $"SUBSCRIBE sip:{user}@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP {_clientTransport.LocalEndPoint};branch={SipTransactionLayer.NewBranch()};rport\r\n" +
            $"Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=w1\r\nTo: <sip:{user}@127.0.0.1>{(toTag is null ? "" : ";tag=" + toTag)}\r\n" +
            $"Call-ID: sub-1@127.0.0.1\r\nCSeq: {++_cseq} SUBSCRIBE\r\nContact: <sip:watcher@{_clientTransport.LocalEndPoint}>\r\n" +
            headers + $"Expires: {expires}\r\n" + (authorization is null ? "" : $"Authorization: {authorization}\r\n") + "Content-Length: 0\r\n\r\n"));

    private Task<SipResponse> SendAsync(SipRequest request) => _client.Send(request, _serverTransport.LocalEndPoint).FinalResponse.WaitAsync(Wait);

    /// <summary>The next NOTIFY the subscriber receives, answered 200 (RFC 6665 §4.1.3).</summary>
    private async Task<SipRequest> NextNotifyAsync()
    {
        var transaction = await _client.Requests.ReadAsync().AsTask().WaitAsync(Wait);
        transaction.Request.Method.ShouldBe(SipMethods.Notify);
        transaction.Request.ContentType.ShouldBe(PeerListEvent.ContentType);
        transaction.Respond(SipResponses.Create(transaction.Request, 200, "OK"));
        return transaction.Request;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }
        _notifier.Dispose();
        await _client.DisposeAsync();
        await _server.DisposeAsync();
        await _clientTransport.DisposeAsync();
        await _serverTransport.DisposeAsync();
        _stop.Dispose();
    }
}
