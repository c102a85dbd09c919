using Coffer.Sip.Core;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Tests.Core;

/// <summary>The RFC 4475 §3.3 messages that parse but that a UAS answers with an error.</summary>
public class UasRequestChecksTests
{
    private static readonly UasRequestChecks Checks = new([], ["application/sdp"]);

    [Theory]
    [InlineData("unkscm", 416)] // §3.3.2 unknown Request-URI scheme
    [InlineData("novelsc", 416)] // §3.3.3 known but atypical scheme
    [InlineData("bext01", 420)] // §3.3.5 Require with unknown option tags
    [InlineData("invut", 415)] // §3.3.6 unknown Content-Type
    public void Section_3_3_messages_get_their_error_response(string name, int status)
    {
        var request = (SipRequest)new SipMessageParser().Parse(GoldenFiles.Read("rfc4475", name + ".dat"));
        var response = Checks.Check(request).ShouldNotBeNull();
        response.StatusCode.ShouldBe(status);
        response.CallId.ShouldBe(request.CallId);
        response.To!.Tag.ShouldNotBeNull();
        if (status == 420)
        {
            response.Headers.Values(HeaderNames.Unsupported).ShouldBe(["nothingSupportsThis", "nothingSupportsThisEither"]);
        }
        if (status == 415)
        {
            response.Headers.First(HeaderNames.Accept).ShouldBe("application/sdp");
        }
    }

    [Theory]
    [InlineData("unksm2")] // §3.3.4 unknown schemes in To/From/Contact only
    [InlineData("zeromf")]
    [InlineData("cparam01")]
    [InlineData("cparam02")]
    [InlineData("regescrt")]
    [InlineData("inv2543")]
    [InlineData("sdp01")]
    public void Other_valid_requests_pass(string name)
    {
        var request = (SipRequest)new SipMessageParser().Parse(GoldenFiles.Read("rfc4475", name + ".dat"));
        Checks.Check(request).ShouldBeNull();
    }
}
