using System.Text;
using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Sip.Tests.Auth;

public class DigestAuthenticatorTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly DigestAuthenticator _authenticator;

    public DigestAuthenticatorTests()
    {
        var nonces = new DigestNonces("0123456789abcdef0123456789abcdef"u8.ToArray(), _time, TimeSpan.FromMinutes(5));
        _authenticator = new DigestAuthenticator("coffer", nonces, new Ha1Accounts().Add("alice", "coffer", "s3cret"));
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256)]
    public async Task A_register_answering_the_challenge_is_authenticated(DigestAlgorithm algorithm)
    {
        var challenge = _authenticator.Challenge(algorithm);
        var result = await _authenticator.VerifyAsync(Register(DigestClient.Authorize(challenge, "alice", "s3cret", "REGISTER", "sip:127.0.0.1")));
        result.Outcome.ShouldBe(DigestOutcome.Authenticated);
        result.Username.ShouldBe("alice");
    }

    [Fact]
    public async Task The_challenges_offer_SHA_256_before_MD5_with_qop_auth()
    {
        var challenges = _authenticator.Challenges();
        challenges[0].ShouldContain("algorithm=SHA-256");
        challenges[1].ShouldContain("algorithm=MD5");
        challenges.ShouldAllBe(c => c.Contains("qop=\"auth\"") && !c.Contains("stale"));
        _authenticator.Challenges(stale: true).ShouldAllBe(c => c.EndsWith(", stale=true", StringComparison.Ordinal));
        (await _authenticator.VerifyAsync(Register(null))).Outcome.ShouldBe(DigestOutcome.Missing);
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_user_or_a_foreign_nonce_is_rejected()
    {
        var challenge = _authenticator.Challenge(DigestAlgorithm.Sha256);
        (await _authenticator.VerifyAsync(Register(DigestClient.Authorize(challenge, "alice", "wrong", "REGISTER", "sip:127.0.0.1"))))
            .Outcome.ShouldBe(DigestOutcome.Rejected);
        (await _authenticator.VerifyAsync(Register(DigestClient.Authorize(challenge, "mallory", "s3cret", "REGISTER", "sip:127.0.0.1"))))
            .Outcome.ShouldBe(DigestOutcome.Rejected);
        var foreign = "Digest realm=\"coffer\", nonce=\"6a1c2f0e9b8d\", qop=\"auth\", algorithm=MD5";
        (await _authenticator.VerifyAsync(Register(DigestClient.Authorize(foreign, "alice", "s3cret", "REGISTER", "sip:127.0.0.1"))))
            .Reason.ShouldBe("nonce not issued here");
    }

    [Fact]
    public async Task An_expired_nonce_with_the_right_password_is_stale()
    {
        var challenge = _authenticator.Challenge(DigestAlgorithm.Md5);
        _time.Advance(TimeSpan.FromMinutes(6));
        (await _authenticator.VerifyAsync(Register(DigestClient.Authorize(challenge, "alice", "s3cret", "REGISTER", "sip:127.0.0.1"))))
            .Outcome.ShouldBe(DigestOutcome.Stale);
        (await _authenticator.VerifyAsync(Register(DigestClient.Authorize(challenge, "alice", "wrong", "REGISTER", "sip:127.0.0.1"))))
            .Outcome.ShouldBe(DigestOutcome.Rejected);
    }

    [Fact]
    public async Task A_nonce_count_may_only_grow()
    {
        var challenge = _authenticator.Challenge(DigestAlgorithm.Sha256);
        var first = DigestClient.Authorize(challenge, "alice", "s3cret", "REGISTER", "sip:127.0.0.1", nonceCount: 1);
        (await _authenticator.VerifyAsync(Register(first))).IsAuthenticated.ShouldBeTrue();
        var replayed = await _authenticator.VerifyAsync(Register(first));
        replayed.Reason.ShouldBe("nonce count replayed");
        replayed.Outcome.ShouldBe(DigestOutcome.Stale, "a replay is answered with a fresh nonce, not counted as a wrong password");
        var second = DigestClient.Authorize(challenge, "alice", "s3cret", "REGISTER", "sip:127.0.0.1", nonceCount: 2);
        (await _authenticator.VerifyAsync(Register(second))).IsAuthenticated.ShouldBeTrue();
    }

    [Fact]
    public async Task Credentials_without_qop_are_rejected()
    {
        var challenge = _authenticator.Challenge(DigestAlgorithm.Md5);
        var values = DigestParameters.Parse(challenge)!.Value.Values;
        var ha1 = DigestHash.Ha1(DigestAlgorithm.Md5, "alice", "coffer", "s3cret");
        var rfc2069 = DigestHash.H(DigestAlgorithm.Md5, $"{ha1}:{values["nonce"]}:{DigestHash.H(DigestAlgorithm.Md5, "REGISTER:sip:127.0.0.1")}");
        var header = $"Digest username=\"alice\", realm=\"coffer\", nonce=\"{values["nonce"]}\", uri=\"sip:127.0.0.1\", response=\"{rfc2069}\"";
        (await _authenticator.VerifyAsync(Register(header))).Outcome.ShouldBe(DigestOutcome.Rejected);
    }

    private static SipRequest Register(string? authorization) =>
        (SipRequest)new SipMessageParser().Parse(Encoding.UTF8.GetBytes(
            "REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport\r\n" +
            "From: <sip:alice@127.0.0.1>;tag=1\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: r1\r\nCSeq: 2 REGISTER\r\n" +
            (authorization is null ? "" : $"Authorization: {authorization}\r\n") + "Content-Length: 0\r\n\r\n"));
}
