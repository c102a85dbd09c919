using Coffer.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Sip.Tests.Auth;

public class DigestNoncesTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_nonce_count_is_refused_again_while_the_nonce_is_fresh_even_across_a_generation_of_counts()
    {
        var nonces = new DigestNonces("0123456789abcdef0123456789abcdef"u8.ToArray(), _time, Lifetime);

        // Issued and first used just before the counts' generation turns over (one lifetime after the start).
        _time.Advance(Lifetime * 0.9);
        var nonce = nonces.Issue("coffer");
        nonces.UseCount(nonce, 1).ShouldBeTrue();
        _time.Advance(Lifetime * 0.2);
        nonces.Check(nonce, "coffer").ShouldBe(DigestNonceCheck.Fresh);
        nonces.UseCount(nonce, 1).ShouldBeFalse();
        nonces.UseCount(nonce, 2).ShouldBeTrue();

        // Two more turnovers later the count may be forgotten: the nonce is stale by then.
        _time.Advance(Lifetime * 2);
        nonces.Check(nonce, "coffer").ShouldBe(DigestNonceCheck.Stale);
    }

    [Fact]
    public void Counts_are_per_nonce_and_must_rise()
    {
        var nonces = new DigestNonces("0123456789abcdef0123456789abcdef"u8.ToArray(), _time, Lifetime);
        var a = nonces.Issue("coffer");
        var b = nonces.Issue("coffer");
        nonces.UseCount(a, 3).ShouldBeTrue();
        nonces.UseCount(b, 1).ShouldBeTrue();
        nonces.UseCount(a, 2).ShouldBeFalse();
        nonces.UseCount(a, 4).ShouldBeTrue();
    }
}
