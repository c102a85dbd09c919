using Coffer.Sip.Auth;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Tests.Parsing;

/// <summary>The messages Debian's SIPp 3.6.1 sent in its built-in uac scenario and in TestData/sipp/register.xml.</summary>
public class SippCaptureTests
{
    private static IEnumerable<string> Names =>
        Directory.GetFiles(GoldenFiles.Directory("sipp"), "*.sip").Select(f => Path.GetFileName(f)).Order();

    public static TheoryData<string> Files => new(Names);

    [Fact]
    public void The_capture_holds_invite_ack_bye_and_four_registers()
    {
        Names.Select(f => f[3..^4]).ShouldBe([
            "uac-INVITE", "uac-ACK", "uac-BYE", "register-REGISTER", "register-REGISTER", "register-REGISTER", "register-REGISTER",
        ]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_captured_message_parses_in_Strict_and_round_trips(string file)
    {
        var parser = new SipMessageParser(SipCompliance.Strict);
        var message = (SipRequest)parser.Parse(GoldenFiles.Read("sipp", file));
        message.Method.ShouldBe(file[(file.LastIndexOf('-') + 1)..^4]);
        message.CSeq!.Method.ShouldBe(message.Method);
        message.TopVia!.HasRfc3261Branch.ShouldBeTrue();
        message.From!.Tag.ShouldNotBeNull();
        var again = parser.Parse(SipMessageSerializer.Serialize(message));
        again.Headers.ShouldBe(message.Headers);
        again.Body.ShouldBe(message.Body);
    }

    [Fact]
    public void The_invite_carries_sdp_and_the_digest_sipp_sent_checks_out_for_its_password()
    {
        var parser = new SipMessageParser(SipCompliance.Strict);
        var invite = parser.Parse(GoldenFiles.Read("sipp", "01-uac-INVITE.sip"));
        invite.ContentType.ShouldBe("application/sdp");
        invite.Body.Length.ShouldBe(129);
        invite.Headers.First(HeaderNames.ContentLength).ShouldBe("129", "SIPp pads the value with spaces; LWS after the colon is not part of it");

        foreach (var file in new[] { "05-register-REGISTER.sip", "07-register-REGISTER.sip" })
        {
            var register = parser.Parse(GoldenFiles.Read("sipp", file));
            var values = DigestParameters.Parse(register.Headers.First(HeaderNames.Authorization)!)!.Value.Values;
            var ha1 = DigestHash.Ha1(DigestAlgorithm.Md5, "alice", "coffer", "s3cret");
            DigestHash.Response(DigestAlgorithm.Md5, ha1, values["nonce"], values["nc"], values["cnonce"], "REGISTER", values["uri"])
                .ShouldBe(values["response"]);
        }
        parser.Parse(GoldenFiles.Read("sipp", "07-register-REGISTER.sip")).Contacts.Single().Parameters.Get("expires").ShouldBe("0");
    }
}
