using Coffer.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Sip.Tests.Auth;

public class CachingDigestCredentialStoreTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly Ha1Accounts _accounts = new Ha1Accounts().Add("alice", "coffer", "s3cret");

    [Fact]
    public async Task A_found_HA1_is_answered_from_memory_until_the_lifetime_ends_then_read_again()
    {
        var cache = new CachingDigestCredentialStore(_accounts, _time, TimeSpan.FromSeconds(30));
        var first = await cache.FindHa1Async("alice", "coffer", DigestAlgorithm.Md5);
        first.ShouldBe(DigestHash.Ha1(DigestAlgorithm.Md5, "alice", "coffer", "s3cret"));

        _accounts.Add("alice", "coffer", "n3w-password");
        _time.Advance(TimeSpan.FromSeconds(29));
        (await cache.FindHa1Async("alice", "coffer", DigestAlgorithm.Md5)).ShouldBe(first);
        _accounts.Lookups.ShouldBe(1);

        // The password changed behind the cache: seen once the lifetime has passed.
        _time.Advance(TimeSpan.FromSeconds(1));
        (await cache.FindHa1Async("alice", "coffer", DigestAlgorithm.Md5)).ShouldBe(DigestHash.Ha1(DigestAlgorithm.Md5, "alice", "coffer", "n3w-password"));
        _accounts.Lookups.ShouldBe(2);
    }

    [Fact]
    public async Task Each_algorithm_and_realm_is_its_own_entry_and_an_unknown_user_is_asked_every_time()
    {
        var cache = new CachingDigestCredentialStore(_accounts, _time, TimeSpan.FromSeconds(30));
        (await cache.FindHa1Async("alice", "coffer", DigestAlgorithm.Sha256)).ShouldBe(DigestHash.Ha1(DigestAlgorithm.Sha256, "alice", "coffer", "s3cret"));
        (await cache.FindHa1Async("alice", "other", DigestAlgorithm.Sha256)).ShouldBeNull();
        (await cache.FindHa1Async("bob", "coffer", DigestAlgorithm.Md5)).ShouldBeNull();

        // An account created a moment after a failed lookup is found at once: misses are never kept.
        _accounts.Add("bob", "coffer", "pw");
        (await cache.FindHa1Async("bob", "coffer", DigestAlgorithm.Md5)).ShouldBe(DigestHash.Ha1(DigestAlgorithm.Md5, "bob", "coffer", "pw"));
        _accounts.Lookups.ShouldBe(4);
    }
}
