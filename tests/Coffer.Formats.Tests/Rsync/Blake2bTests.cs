using System.Text;
using Coffer.Formats.Rsync;

namespace Coffer.Formats.Tests.Rsync;

public class Blake2bTests
{
    [Fact]
    public void Abc_is_the_RFC_7693_appendix_A_digest()
    {
        var digest = new byte[64];
        Blake2b.Hash("abc"u8, digest);
        Convert.ToHexStringLower(digest).ShouldBe(
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1" +
            "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    }

    [Theory]
    // Python's hashlib.blake2b(data, digest_size=32): the 32-byte digest librsync truncates its strong sums from.
    [InlineData("", "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")]
    [InlineData("The quick brown fox jumps over the lazy dog", "01718cec35cd3d796dd00020e0bfecb473ad23457d063b75eff29c0ffa2e58a9")]
    public void Digest_of_256_bits_matches_an_independent_implementation(string text, string hex)
    {
        var digest = new byte[32];
        Blake2b.Hash(Encoding.ASCII.GetBytes(text), digest);
        Convert.ToHexStringLower(digest).ShouldBe(hex);
    }

    [Theory]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(256)]
    [InlineData(1000)]
    public void Inputs_around_the_block_size_match_an_independent_implementation(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)(i * 7);
        }

        var digest = new byte[32];
        Blake2b.Hash(data, digest);
        Convert.ToHexStringLower(digest).ShouldBe(ExpectedFromPython[length]);
    }

    private static readonly Dictionary<int, string> ExpectedFromPython = new()
    {
        // python3 -c "import hashlib;print(hashlib.blake2b(bytes((i*7)&255 for i in range(N)),digest_size=32).hexdigest())"
        [127] = "4ff62e7c4c43fe101a078479c48836be4907d9d498dcc577ca89d694b2c11f9b",
        [128] = "14696d2a98d9f8a280da8b132b1045b345e1033759c6b02fcc4ee885c8ae7c37",
        [129] = "3934215260b1039be9d9d2b073b059bcd50120c327a22af93eb4d98cf821c14c",
        [256] = "3d0cb2693dfbac42af5a6cc960953fea8714aa39c4bcd054ef61d6b5e98ade4a",
        [1000] = "6ac4bea923678eb024090384d6e767b5870f849057dc19b172d8d9f2df30bf8e",
    };
}
