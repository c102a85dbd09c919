using System.Net;
using System.Text;
using Coffer.Sip.Auth;
using Coffer.Sip.Location;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Registrar;
using Coffer.Sip.Tests.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Sip.Tests.Registrar;

/// <summary>RFC 3261 §10.3 over the in-memory location service, in simulated time.</summary>
public class SipRegistrarTests
{
    private static readonly IPEndPoint Phone = new(IPAddress.Parse("192.0.2.10"), 5062);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemorySipLocationService _location;
    private readonly SipRegistrar _registrar;
    private uint _cseq;

    public SipRegistrarTests()
    {
        _location = new InMemorySipLocationService(_time);
        var nonces = new DigestNonces(Encoding.UTF8.GetBytes("a server key of thirty-two bytes"), _time, TimeSpan.FromMinutes(5));
        var authenticator = new DigestAuthenticator("coffer", nonces, new Ha1Accounts().Add("alice", "coffer", "s3cret").Add("bob", "coffer", "b0b"));
        _registrar = new SipRegistrar(authenticator, _location, new AllowanceThrottle(3), new SipRegistrarOptions { Node = "node-a" }, _time);
    }

    [Fact]
    public async Task A_register_is_challenged_then_binds_the_device_for_the_default_interval()
    {
        var first = await SendAsync(Register("<sip:phone@192.0.2.10:5062>"));
        first.StatusCode.ShouldBe(401);
        var challenges = first.Headers.Values(HeaderNames.WwwAuthenticate).ToList();
        challenges.Count.ShouldBe(2);
        challenges[0].ShouldContain("algorithm=SHA-256");

        var ok = await SendAsync(Register("<sip:phone@192.0.2.10:5062>", authorization: Authorize(challenges[1])));
        ok.StatusCode.ShouldBe(200);
        ok.Headers.Values(HeaderNames.Contact).ShouldBe(["<sip:phone@192.0.2.10:5062>;expires=60"]);
        var binding = (await _location.GetAsync("alice")).ShouldHaveSingleItem();
        binding.ShouldBe(new SipBinding("alice", "phone", "sip:phone@192.0.2.10:5062", "UDP 192.0.2.10:5062", _time.GetUtcNow().AddSeconds(60), "reg-1", _cseq, "node-a"));

        // Gone the moment it expires, without a refresh.
        _time.Advance(TimeSpan.FromSeconds(60));
        (await _location.GetAsync("alice")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Expires_comes_from_the_contact_or_the_header_is_capped_and_too_brief_gets_423()
    {
        (await RegisteredAsync("<sip:phone@192.0.2.10>;expires=30")).Headers.Values(HeaderNames.Contact).ShouldBe(["<sip:phone@192.0.2.10>;expires=30"]);
        (await RegisteredAsync("<sip:phone@192.0.2.10>", expires: "3600")).Headers.Values(HeaderNames.Contact).ShouldBe(["<sip:phone@192.0.2.10>;expires=60"]);

        var brief = await RegisteredAsync("<sip:phone@192.0.2.10>;expires=5");
        brief.StatusCode.ShouldBe(423);
        brief.Headers.First("Min-Expires").ShouldBe("10");
        (await _location.GetAsync("alice")).ShouldHaveSingleItem().ExpiresAt.ShouldBe(_time.GetUtcNow().AddSeconds(60), "the refused request changed nothing");
    }

    [Fact]
    public async Task Devices_are_bound_apart_and_removed_by_expires_zero_or_the_wildcard()
    {
        await RegisteredAsync("<sip:phone@192.0.2.10>");
        await RegisteredAsync("<sip:192.0.2.11:5070>;+sip.instance=\"<urn:uuid:0c3b2a86-8a2b-4f1e-9d27-1a2b3c4d5e6f>\"");
        var listed = await RegisteredAsync("<sip:laptop@192.0.2.12;transport=tcp>;expires=20");
        listed.Headers.Values(HeaderNames.Contact).ShouldBe([
            "<sip:laptop@192.0.2.12;transport=tcp>;expires=20",
            "<sip:phone@192.0.2.10>;expires=60",
            "<sip:192.0.2.11:5070>;expires=60",
        ]);
        (await _location.GetAsync("alice")).Select(b => b.Device).ShouldBe(["laptop", "phone", "urn:uuid:0c3b2a86-8a2b-4f1e-9d27-1a2b3c4d5e6f"]);

        (await RegisteredAsync("<sip:phone@192.0.2.10>;expires=0")).Headers.Values(HeaderNames.Contact).Count().ShouldBe(2);
        (await RegisteredAsync("*")).StatusCode.ShouldBe(400, "* needs Expires: 0");
        var cleared = await RegisteredAsync("*", expires: "0");
        cleared.StatusCode.ShouldBe(200);
        cleared.Headers.Values(HeaderNames.Contact).ShouldBeEmpty();
        (await _location.GetAsync("alice")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_register_of_the_same_call_id_with_a_cseq_not_higher_is_refused()
    {
        await RegisteredAsync("<sip:phone@192.0.2.10>");
        var stored = (await _location.GetAsync("alice")).Single();
        (await RegisteredAsync("<sip:phone@192.0.2.10>;expires=0", cseq: stored.CSeq - 1)).StatusCode.ShouldBe(500);
        (await _location.GetAsync("alice")).ShouldHaveSingleItem();

        // Another Call-ID (the device restarted) may replace it whatever its CSeq.
        (await RegisteredAsync("<sip:phone@192.0.2.10>;expires=0", cseq: 1, callId: "reg-2")).StatusCode.ShouldBe(200);
        (await _location.GetAsync("alice")).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_expired_nonce_gets_stale_true_and_another_users_address_403()
    {
        var challenge = (await SendAsync(Register("<sip:phone@192.0.2.10>"))).Headers.Values(HeaderNames.WwwAuthenticate).Last();
        _time.Advance(TimeSpan.FromMinutes(6));
        var stale = await SendAsync(Register("<sip:phone@192.0.2.10>", authorization: Authorize(challenge)));
        stale.StatusCode.ShouldBe(401);
        stale.Headers.Values(HeaderNames.WwwAuthenticate).ShouldAllBe(v => v.Contains("stale=true"));

        var fresh = (await SendAsync(Register("<sip:phone@192.0.2.10>", user: "alice"))).Headers.Values(HeaderNames.WwwAuthenticate).Last();
        (await SendAsync(Register("<sip:phone@192.0.2.10>", user: "alice", authorization: Authorize(fresh, "b0b", "bob")))).StatusCode.ShouldBe(403);
        (await _location.GetAsync("alice")).ShouldBeEmpty();
        (await _location.GetAsync("bob")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Wrong_passwords_are_challenged_again_until_the_throttle_answers_503_without_checking()
    {
        for (var i = 0; i < 3; i++)
        {
            var challenge = (await SendAsync(Register("<sip:phone@192.0.2.10>"))).Headers.Values(HeaderNames.WwwAuthenticate).Last();
            (await SendAsync(Register("<sip:phone@192.0.2.10>", authorization: Authorize(challenge, "wrong")))).StatusCode.ShouldBe(401);
        }

        var last = await SendAsync(Register("<sip:phone@192.0.2.10>"));
        last.StatusCode.ShouldBe(503);
        last.Headers.First("Retry-After").ShouldBe("60");
        (await _location.GetAsync("alice")).ShouldBeEmpty();
    }

    private async Task<SipResponse> RegisteredAsync(string contact, string? expires = null, uint? cseq = null, string callId = "reg-1")
    {
        var challenge = (await SendAsync(Register(contact, expires: expires, callId: callId))).Headers.Values(HeaderNames.WwwAuthenticate).Last();
        if (cseq is { } number)
        {
            _cseq = number - 1;
        }

        return await SendAsync(Register(contact, expires: expires, callId: callId, authorization: Authorize(challenge)));
    }

    private Task<SipResponse> SendAsync(SipRequest request) => _registrar.RegisterAsync(request, Phone, "UDP");

    private static string Authorize(string challenge, string password = "s3cret", string user = "alice") =>
        DigestClient.Authorize(challenge, user, password, "REGISTER", "sip:coffer.test")!;

    private SipRequest Register(string contact, string user = "alice", string? expires = null, string callId = "reg-1", string? authorization = null) =>
        (SipRequest)new SipMessageParser().Parse(Encoding.UTF8.GetBytes(
            "REGISTER sip:coffer.test SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK" + Guid.NewGuid().ToString("N") + "\r\n" +
            $"From: <sip:{user}@coffer.test>;tag=f1\r\nTo: <sip:{user}@coffer.test>\r\nCall-ID: {callId}\r\n" +
            $"CSeq: {++_cseq} REGISTER\r\nMax-Forwards: 70\r\nContact: {contact}\r\n" +
            (expires is null ? "" : $"Expires: {expires}\r\n") +
            (authorization is null ? "" : $"Authorization: {authorization}\r\n") + "Content-Length: 0\r\n\r\n"));
}
