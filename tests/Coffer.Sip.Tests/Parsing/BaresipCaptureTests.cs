using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Tests.Parsing;

public class BaresipCaptureTests
{
    public static TheoryData<string> Files =>
        new(Directory.GetFiles(GoldenFiles.Directory("baresip"), "*.sip").Select(Path.GetFileName).Order()!);

    [Fact]
    public void The_capture_holds_register_invite_ack_and_unregister()
    {
        Files.Count.ShouldBe(6);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_captured_message_parses_in_Strict_and_round_trips(string file)
    {
        var parser = new SipMessageParser(SipCompliance.Strict);
        var message = (SipRequest)parser.Parse(GoldenFiles.Read("baresip", file));
        message.Method.ShouldBe(file[3..^4]);
        message.TopVia!.HasRPort.ShouldBeTrue();
        message.TopVia.HasRfc3261Branch.ShouldBeTrue();
        message.From!.Tag.ShouldNotBeNull();
        var again = parser.Parse(SipMessageSerializer.Serialize(message));
        again.Headers.ShouldBe(message.Headers);
        again.Body.ShouldBe(message.Body);
    }

    [Fact]
    public void The_authorized_register_carries_a_digest_and_the_unregister_expires_zero()
    {
        var parser = new SipMessageParser(SipCompliance.Strict);
        var register = parser.Parse(GoldenFiles.Read("baresip", "03-REGISTER.sip"));
        register.Headers.First(HeaderNames.Authorization).ShouldStartWith("Digest username=\"alice\"");
        register.Contacts.Single().Parameters.Get("expires").ShouldBe("60");
        var unregister = parser.Parse(GoldenFiles.Read("baresip", "06-REGISTER.sip"));
        unregister.Contacts.Single().Parameters.Get("expires").ShouldBe("0");
        var invite = parser.Parse(GoldenFiles.Read("baresip", "02-INVITE.sip"));
        invite.ContentType.ShouldBe("application/sdp");
        invite.Body.Length.ShouldBe(343);
        invite.Headers.First(HeaderNames.Supported).ShouldBe("");
    }
}
