using System.Net;
using System.Text;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Session;

namespace Coffer.Sip.Tests.Session;

public class SessionOfferCheckTests
{
    private static readonly SessionOfferCheck Check = new(offer => offer.Protocol == PeerSyncProtocol.SyncML);

    private static readonly SessionDescription Offer =
        new(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 10000), PeerDataType.Calendar, PeerSyncProtocol.SyncML);

    [Fact]
    public void A_valid_offer_is_accepted()
    {
        var result = Check.Check(Invite(SessionDescriptionBody.ContentType, SessionDescriptionXml.Write(Offer)), "t");
        result.Accepted.ShouldBeTrue();
        result.Offer.ShouldBe(Offer);
    }

    [Fact]
    public void An_sdp_body_gets_415_with_accept()
    {
        var result = Check.Check(Invite("application/sdp", GoldenFiles.Read("baresip", "02-INVITE.sip")), "t");
        result.Error!.StatusCode.ShouldBe(415);
        result.Error.Headers.First(HeaderNames.Accept).ShouldBe(SessionDescriptionBody.ContentType);
    }

    [Fact]
    public void No_body_gets_415()
    {
        Check.Check(Invite(null, []), "t").Error!.StatusCode.ShouldBe(415);
    }

    [Fact]
    public void An_invalid_body_gets_400_with_a_warning_that_parses()
    {
        var invite = Invite(SessionDescriptionBody.ContentType + "; charset=utf-8",
            Encoding.UTF8.GetBytes($"<sessionDescription xmlns=\"{SessionDescriptionSchema.Namespace}\"><sourceIP>\"x\"</sourceIP></sessionDescription>"));
        var error = Check.Check(invite, "t").Error!;
        error.StatusCode.ShouldBe(400);
        var warning = error.Headers.First("Warning")!;
        warning.ShouldStartWith("399 coffer \"");
        warning.ShouldContain("sourceIP");
        var again = new SipMessageParser().Parse(SipMessageSerializer.Serialize(error));
        again.Headers.First("Warning").ShouldBe(warning);
    }

    [Fact]
    public void An_answer_instead_of_an_offer_or_an_unserved_protocol_gets_488()
    {
        var answer = Offer.Answer(new IPEndPoint(IPAddress.Loopback, 1));
        Check.Check(Invite(SessionDescriptionBody.ContentType, SessionDescriptionXml.Write(answer)), "t").Error!.StatusCode.ShouldBe(488);
        var rsync = Offer with { Protocol = PeerSyncProtocol.Rsync };
        Check.Check(Invite(SessionDescriptionBody.ContentType, SessionDescriptionXml.Write(rsync)), "t").Error!.StatusCode.ShouldBe(488);
    }

    private static SipRequest Invite(string? contentType, byte[] body)
    {
        var invite = (SipRequest)new SipMessageParser().Parse(Encoding.UTF8.GetBytes(
            "INVITE sip:alice@127.0.0.3 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bKx\r\n" +
            "From: <sip:alice@127.0.0.1>;tag=a\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: c@x\r\nCSeq: 1 INVITE\r\n" +
            "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n"));
        if (contentType is not null)
        {
            invite.Headers.Add(HeaderNames.ContentType, contentType);
        }
        invite.Body = body;
        return invite;
    }
}
