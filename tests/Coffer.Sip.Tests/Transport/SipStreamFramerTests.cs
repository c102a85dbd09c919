using Coffer.Sip.Parsing;
using Coffer.Sip.Transport;

namespace Coffer.Sip.Tests.Transport;

public class SipStreamFramerTests
{
    private static readonly byte[] Two = SipMessageSerializer.Serialize(TransportTestMessages.Register("TCP", "h", bodyLength: 10))
        .Concat("\r\n\r\n"u8.ToArray())
        .Concat(SipMessageSerializer.Serialize(TransportTestMessages.Register("TCP", "h", "z9hG4bK2"))).ToArray();

    [Fact]
    public void Messages_arriving_one_octet_at_a_time_come_out_whole()
    {
        var framer = new SipStreamFramer();
        var frames = new List<byte[]>();
        foreach (var b in Two)
        {
            framer.Append([b]);
            while (framer.Next() is { } frame)
            {
                frames.Add(frame);
            }
        }
        frames.Count.ShouldBe(2);
        new SipMessageParser().Parse(frames[0]).Body.Length.ShouldBe(10);
        new SipMessageParser().Parse(frames[1]).TopVia!.Branch.ShouldBe("z9hG4bK2");
    }

    [Fact]
    public void Two_messages_in_one_read_are_both_framed()
    {
        var framer = new SipStreamFramer();
        framer.Append(Two);
        framer.Next().ShouldNotBeNull();
        framer.Next().ShouldNotBeNull();
        framer.Next().ShouldBeNull();
    }

    [Fact]
    public void A_stream_message_without_Content_Length_or_too_large_is_refused()
    {
        var framer = new SipStreamFramer();
        framer.Append("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h\r\n\r\n"u8);
        Should.Throw<SipParseException>(() => framer.Next());
        var small = new SipStreamFramer(maxMessageSize: 100);
        small.Append(SipMessageSerializer.Serialize(TransportTestMessages.Register("TCP", "h", bodyLength: 10)));
        Should.Throw<SipParseException>(() => small.Next());
    }
}
