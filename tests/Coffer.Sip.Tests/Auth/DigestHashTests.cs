using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Tests.Auth;

public class DigestHashTests
{
    [Fact]
    public void The_RFC_7616_section_3_9_1_example_gives_its_MD5_and_SHA_256_responses()
    {
        const string nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        const string cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        foreach (var (algorithm, expected) in new[]
        {
            (DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec"),
            (DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
        })
        {
            var ha1 = DigestHash.Ha1(algorithm, "Mufasa", "http-auth@example.org", "Circle of Life");
            DigestHash.Response(algorithm, ha1, nonce, "00000001", cnonce, "GET", "/dir/index.html").ShouldBe(expected);
        }
    }

    [Fact]
    public void The_digest_baresip_sent_checks_out_for_its_password()
    {
        var register = new SipMessageParser().Parse(GoldenFiles.Read("baresip", "03-REGISTER.sip"));
        var values = DigestParameters.Parse(register.Headers.First(HeaderNames.Authorization)!)!.Value.Values;
        var ha1 = DigestHash.Ha1(DigestAlgorithm.Md5, "alice", "coffer", "s3cret");
        DigestHash.Response(DigestAlgorithm.Md5, ha1, values["nonce"], values["nc"], values["cnonce"], "REGISTER", values["uri"])
            .ShouldBe(values["response"]);
    }

    [Fact]
    public void Parameters_parse_quoted_values_with_commas_and_refuse_duplicates()
    {
        var parsed = DigestParameters.Parse("Digest realm=\"a, b\", nonce=\"x\\\"y\",qop=auth , nc=00000001")!.Value;
        parsed.Scheme.ShouldBe("Digest");
        parsed.Values["realm"].ShouldBe("a, b");
        parsed.Values["nonce"].ShouldBe("x\"y");
        parsed.Values["qop"].ShouldBe("auth");
        parsed.Values["nc"].ShouldBe("00000001");
        DigestParameters.Parse("Digest realm=\"a\", realm=\"b\"").ShouldBeNull();
        DigestParameters.Parse("Digest realm=\"unterminated").ShouldBeNull();
    }
}
