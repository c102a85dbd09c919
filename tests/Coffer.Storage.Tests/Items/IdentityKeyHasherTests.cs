using System.Security.Cryptography;

namespace Coffer.Storage.Tests.Items;

public class IdentityKeyHasherTests
{
    [Fact]
    public void Gives_the_same_key_as_the_one_shot_computation_for_each_of_many_keys()
    {
        var secret = IdentityKey.NewSecret();
        using var hasher = new IdentityKeyHasher(secret);
        foreach (var key in new[] { "doe|john|+4930123", string.Empty, "müller|jörg|", "doe|john|+4930123", new string('x', 10_000) })
        {
            hasher.Compute(key).ShouldBe(IdentityKey.Compute(secret, key));
        }
    }

    [Fact]
    public void Keys_under_different_secrets_differ()
    {
        using var a = new IdentityKeyHasher(IdentityKey.NewSecret());
        using var b = new IdentityKeyHasher(IdentityKey.NewSecret());
        a.Compute("doe|john").ShouldNotBe(b.Compute("doe|john"));
        a.Compute("doe|john").Length.ShouldBe(SHA256.HashSizeInBytes);
    }
}
