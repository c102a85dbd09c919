using System.Text;
using Coffer.Sip.Message;
using Coffer.Sip.Parsing;

namespace Coffer.Sip.Tests.Parsing;

public class SipMessageParserTests
{
    private const string Register =
        "REGISTER sip:127.0.0.1 SIP/2.0\r\n" +
        "v: SIP/2.0/UDP 127.0.0.1:5062;rport=5062;received=127.0.0.1;branch=z9hG4bK776\r\n" +
        "f: \"Smith, Alice\" <sip:alice@127.0.0.1>;tag=a1\r\n" +
        "t: <sip:alice@127.0.0.1>\r\n" +
        "i: 42@127.0.0.1\r\n" +
        "CSeq: 7 REGISTER\r\n" +
        "m: <sip:alice@127.0.0.1:5062;transport=udp>;expires=60, \"Desk, 2\" <sip:alice@127.0.0.1:5064>\r\n" +
        "Max-Forwards: 70\r\n" +
        "Authorization: Digest username=\"alice\", realm=\"coffer\", nonce=\"n,1\", uri=\"sip:127.0.0.1\", response=\"x\"\r\n" +
        "Supported: path, outbound\r\n" +
        "l: 5\r\n\r\nhello";

    [Fact]
    public void Compact_names_become_long_names_and_lists_split_outside_quotes_and_brackets()
    {
        var message = new SipMessageParser().Parse(Encoding.UTF8.GetBytes(Register));
        message.CallId.ShouldBe("42@127.0.0.1");
        message.From!.DisplayName.ShouldBe("Smith, Alice");
        message.Contacts.Count.ShouldBe(2);
        message.Contacts[0].Uri.Port.ShouldBe(5062);
        message.Contacts[0].Uri.Transport.ShouldBe("udp");
        message.Contacts[0].Parameters.Get("expires").ShouldBe("60");
        message.Contacts[1].DisplayName.ShouldBe("Desk, 2");
        message.Headers.Values(HeaderNames.Supported).ShouldBe(["path", "outbound"]);
        // Authorization is not a list: its commas separate digest parameters (§7.3.1).
        message.Headers.CountOf(HeaderNames.Authorization).ShouldBe(1);
        var via = message.TopVia!;
        via.Port.ShouldBe(5062);
        via.RPort.ShouldBe(5062);
        via.Received.ShouldBe("127.0.0.1");
        via.HasRfc3261Branch.ShouldBeTrue();
        message.Body.ShouldBe("hello"u8.ToArray());
    }

    [Fact]
    public void Serialized_messages_use_long_names_CRLF_and_the_real_Content_Length()
    {
        var message = new SipMessageParser().Parse(Encoding.UTF8.GetBytes(Register));
        message.Body = "hi"u8.ToArray();
        var text = SipMessageSerializer.ToText(message);
        text.ShouldStartWith("REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;");
        text.ShouldContain("\r\nCall-ID: 42@127.0.0.1\r\n");
        text.ShouldEndWith("\r\nContent-Length: 2\r\n\r\nhi");
        text.ShouldNotContain("\r\nl:");
    }

    [Fact]
    public void Bare_LF_line_ends_are_refused_in_Strict_and_accepted_in_Loose()
    {
        var lf = Encoding.UTF8.GetBytes(Register.Replace("\r\n", "\n"));
        Should.Throw<SipParseException>(() => new SipMessageParser(SipCompliance.Strict).Parse(lf));
        new SipMessageParser(SipCompliance.Loose).Parse(lf).CSeq.ShouldBe(new SipCSeq(7, "REGISTER"));
    }

    [Fact]
    public void A_response_without_a_reason_phrase_separator_is_refused_only_in_Strict()
    {
        var response = Encoding.UTF8.GetBytes(Register.Replace("REGISTER sip:127.0.0.1 SIP/2.0", "SIP/2.0 200"));
        Should.Throw<SipParseException>(() => new SipMessageParser(SipCompliance.Strict).Parse(response));
        var parsed = (SipResponse)new SipMessageParser(SipCompliance.Loose).Parse(response);
        parsed.StatusCode.ShouldBe(200);
        parsed.ReasonPhrase.ShouldBe("");
    }

    [Theory]
    [InlineData("Via: SIP/2.0/UDP 127.0.0.1;rport=x")]
    [InlineData("Via: SIP/2.0/UDP 127.0.0.1;received=host.example.com")]
    [InlineData("Via: SIP/2.0/UDP 127.0.0.1:99999")]
    [InlineData("Via: SIP/2.0 127.0.0.1")]
    [InlineData("Max-Forwards: 256")]
    [InlineData("Content-Type: text")]
    [InlineData("Call-ID: a b")]
    [InlineData("Contact: <sip:a@b")]
    [InlineData("Contact: sip:a@b, ")]
    [InlineData("Header without colon")]
    public void Malformed_known_header_fields_are_refused(string line)
    {
        var text = "OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n" +
            "To: <sip:x@127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n" + line + "\r\nContent-Length: 0\r\n\r\n";
        if (line.StartsWith("Via", StringComparison.Ordinal))
        {
            text = text.Replace("Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\n", "");
        }
        foreach (var mode in new[] { SipCompliance.Strict, SipCompliance.Loose })
        {
            Should.Throw<SipParseException>(() => new SipMessageParser(mode).Parse(Encoding.UTF8.GetBytes(text)))
                .StatusCode.ShouldBe(400);
        }
    }

    [Fact]
    public void Leading_CRLFs_before_the_start_line_are_ignored()
    {
        var message = new SipMessageParser().Parse(Encoding.UTF8.GetBytes("\r\n\r\n" + Register));
        message.ShouldBeOfType<SipRequest>().Method.ShouldBe("REGISTER");
    }
}
