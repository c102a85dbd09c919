using Coffer.SyncML.Auth;

namespace Coffer.SyncML.Tests.Auth;

/// <summary>syncml:auth-md5 against what SyncEvolution 2.0 really sent for alice/secret.</summary>
public class Md5AuthTests
{
    [Fact]
    public void First_request_with_empty_nonce_matches_syncevolution()
    {
        // first-request/xml-md5-500: the client has no nonce yet and sends lOnT4YjHnGPOubN9TXInoQ==.
        var sent = CapturedCreds.CredData("syncevolution-captures/first-request/xml-md5-500.body.xml", AuthTypes.Md5);
        sent.ShouldBe("lOnT4YjHnGPOubN9TXInoQ==");
        Md5Auth.Compute("alice", "secret", []).ShouldBe(sent);
        Md5Auth.Verify(sent, "alice", "secret", []).ShouldBeTrue();
        Md5Auth.Verify(sent, "alice", "Secret", []).ShouldBeFalse();
        Md5Auth.Verify(sent, "bob", "secret", []).ShouldBeFalse();
    }

    [Theory]
    [InlineData("session-modes")]
    [InlineData("session-xml")]
    public void Creds_use_the_decoded_bytes_of_the_previous_nextnonce(string session)
    {
        var creds = CapturedCreds.Md5Creds(session);
        creds.Count.ShouldBeGreaterThan(0);
        foreach (var c in creds)
        {
            var nonce = Md5Auth.DecodeNonce(c.Nonce);
            Md5Auth.Compute("alice", "secret", nonce).ShouldBe(c.Data, c.Request);

            // The nonce is the base64-decoded bytes, not the base64 text as sent.
            Md5Auth.Verify(c.Data, "alice", "secret", System.Text.Encoding.ASCII.GetBytes(c.Nonce)).ShouldBeFalse(c.Request);
        }
    }

    [Fact]
    public void Session_modes_md5_creds_are_all_checked()
    {
        // 001 is answered with a new Chal (stale nonce from a previous server run); every later session
        // (002 and 16 more) authenticates with the nonce of the one before.
        CapturedCreds.Md5Creds("session-modes").Count.ShouldBe(17);
    }

    [Fact]
    public void Wrong_password_session_never_verifies_with_the_real_password()
    {
        var creds = CapturedCreds.Md5Creds("session-xml-badpw");
        creds.Count.ShouldBeGreaterThan(0);
        creds.ShouldAllBe(c => !Md5Auth.Verify(c.Data, "alice", "secret", Md5Auth.DecodeNonce(c.Nonce)));
    }

    [Fact]
    public void Verify_rejects_garbage_without_throwing()
    {
        Md5Auth.Verify("not base64 !!", "alice", "secret", []).ShouldBeFalse();
        Md5Auth.Verify("", "alice", "secret", []).ShouldBeFalse();
        Md5Auth.Verify("YWJj", "alice", "secret", []).ShouldBeFalse(); // 3 bytes, not a digest
    }

    [Fact]
    public void Verify_tolerates_missing_padding()
    {
        Md5Auth.Verify("lOnT4YjHnGPOubN9TXInoQ", "alice", "secret", []).ShouldBeTrue();
    }

    [Fact]
    public void Nonce_decoding_tolerates_missing_padding_and_rejects_garbage()
    {
        Md5Auth.DecodeNonce("OiRHP18kISE").ShouldBe(Md5Auth.DecodeNonce("OiRHP18kISE="));
        Md5Auth.DecodeNonce(null).ShouldBeEmpty();
        Should.Throw<SyncMLFormatException>(() => Md5Auth.DecodeNonce("%%%"));
    }

    [Fact]
    public void Generated_nonces_are_random_base64()
    {
        var a = AuthNonce.Generate();
        var b = AuthNonce.Generate();
        a.ShouldNotBe(b);
        Convert.FromBase64String(a).Length.ShouldBe(AuthNonce.DefaultLength);
        Md5Auth.DecodeNonce(AuthNonce.Generate(8)).Length.ShouldBe(8);
    }
}
