using System.Net;
using System.Text;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;
using Coffer.Sip.Tests.Parsing;
using Coffer.Sip.Transport;

namespace Coffer.Sip.Tests.Transport;

public class MalformedRequestAnswerTests
{
    private static readonly IPEndPoint Source = new(IPAddress.Parse("127.0.0.9"), 40123);
    private static readonly SipMessageParser Strict = new(SipCompliance.Strict);

    /// <summary>Every invalid RFC 4475 message and the status of its answer (0: nothing can be answered).</summary>
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var (name, status, _) in TortureMessages.Invalid)
        {
            data.Add(name, Answerable(name) ? status : 0);
        }
        return data;
    }

    /// <summary>
    /// badinv01's top Via is outside the grammar (nowhere to send an answer), insuf has no From, To or Call-ID to copy
    /// (§8.2.6.2), scalarlg and bigcode are responses (discarded).
    /// </summary>
    public static bool Answerable(string name) => name is not ("badinv01" or "insuf" or "scalarlg" or "bigcode");

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_invalid_request_is_answered_with_the_status_of_its_parse_error_when_its_transaction_can_be_read(string name, int status)
    {
        var bytes = GoldenFiles.Read("rfc4475", name + ".dat");
        Strict.TryParse(bytes, out _, out var error).ShouldBeFalse();

        var answer = MalformedRequestAnswer.Build(bytes, error!, Source, reliable: false);

        if (status == 0)
        {
            answer.ShouldBeNull();
            return;
        }
        answer.ShouldNotBeNull();
        answer.Response.StatusCode.ShouldBe(status);
        answer.Response.Headers.First("Warning").ShouldStartWith("399 coffer \"");
        var wire = SipMessageSerializer.Serialize(answer.Response);
        var text = Encoding.UTF8.GetString(wire);
        text.ShouldStartWith($"SIP/2.0 {status} ");
        text.ShouldContain($"Call-ID: {name}.");
        // The top Via names no port: RFC 3261 §18.2.2 sends to the received address and the sent-by port (5060 default).
        answer.Destination.Address.ShouldBe(Source.Address);
    }

    [Fact]
    public void The_answer_goes_to_received_and_rport_on_udp_and_back_to_the_source_on_a_connection()
    {
        var request = Encoding.UTF8.GetBytes(
            "OPTIONS sip:bob@example.com SIP/7.0\r\nVia: SIP/2.0/UDP host.example.com:5070;branch=z9hG4bK1;rport\r\n" +
            "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK0\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n" +
            "Call-ID: v7@x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        Strict.TryParse(request, out _, out var error).ShouldBeFalse();

        var udp = MalformedRequestAnswer.Build(request, error!, Source, reliable: false).ShouldNotBeNull();
        udp.Destination.ShouldBe(Source);
        udp.Response.StatusCode.ShouldBe(505);
        udp.Response.ReasonPhrase.ShouldBe("Version Not Supported");
        udp.Response.Headers.Values(HeaderNames.Via).ShouldBe([
            "SIP/2.0/UDP host.example.com:5070;branch=z9hG4bK1;rport=40123;received=127.0.0.9",
            "SIP/2.0/UDP proxy.example.com;branch=z9hG4bK0",
        ]);
        udp.Response.Headers.First(HeaderNames.To).ShouldBe($"<sip:bob@example.com>;tag={MalformedRequestAnswer.ToTag}");
        // What we send parses in Strict: the peer can match it to its transaction.
        Strict.Parse(SipMessageSerializer.Serialize(udp.Response)).ShouldBeOfType<SipResponse>().CSeq.ShouldBe(new SipCSeq(1, "OPTIONS"));

        var tcp = MalformedRequestAnswer.Build(request, error!, Source, reliable: true).ShouldNotBeNull();
        tcp.Destination.ShouldBe(Source);
    }

    [Fact]
    public void A_request_whose_sent_by_is_a_name_without_received_cannot_be_answered_over_udp()
    {
        var request = Encoding.UTF8.GetBytes(
            "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.9:5070;branch=z9hG4bK1\r\n" +
            "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c@x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        Strict.TryParse(request, out _, out var error).ShouldBeFalse();
        // The sent-by is the source address: no received, and the sent-by port is where the answer goes (§18.2.2).
        MalformedRequestAnswer.Build(request, error!, Source, reliable: false).ShouldNotBeNull()
            .Destination.ShouldBe(new IPEndPoint(Source.Address, 5070));
    }

    [Fact]
    public void A_reason_with_quotes_is_escaped_in_the_warning()
    {
        var request = Encoding.UTF8.GetBytes(
            "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.9;branch=z9hG4bK1\r\n" +
            "From: <sip:a@example.com>;tag=1\r\nTo: \"Bob <sip:bob@example.com>\r\nCall-ID: c@x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        Strict.TryParse(request, out _, out var error).ShouldBeFalse();
        var answer = MalformedRequestAnswer.Build(request, error!, Source, reliable: false).ShouldNotBeNull();
        // The To that does not parse is copied as it came (no tag can be added to it).
        answer.Response.Headers.First(HeaderNames.To).ShouldBe("\"Bob <sip:bob@example.com>");
        var warning = answer.Response.Headers.First("Warning")!;
        warning[(warning.IndexOf('"') + 1)..^1].Replace("\\\"", "", StringComparison.Ordinal).ShouldNotContain("\"");
    }
}
