using System.Text;
using Coffer.Sip.Location;
using Coffer.Sip.Presence;

namespace Coffer.Sip.Tests.Presence;

public class PeerListXmlTests
{
    private static readonly DateTimeOffset Expires = new(2026, 12, 7, 12, 1, 0, TimeSpan.Zero);

    [Fact]
    public void A_list_written_is_valid_against_the_schema_and_reads_back()
    {
        var body = PeerListXml.Write("alice", [
            new SipBinding("alice", "laptop", "sip:laptop@127.0.0.2:5070", "TCP 127.0.0.2:40001", Expires, "c1", 1, "n"),
            new SipBinding("alice", "phone", "sip:phone@127.0.0.3:5060", "UDP 127.0.0.3:5060", Expires.AddSeconds(5), "c2", 3, "n"),
        ]);
        Encoding.UTF8.GetString(body).ShouldContain("<peerList user=\"alice\" xmlns=\"urn:coffer:peer-list:1\">");
        var list = PeerListXml.Parse(body);
        list.ShouldBe(list with { User = "alice" });
        list.Devices.ShouldBe([
            new PeerListDevice("laptop", "sip:laptop@127.0.0.2:5070", "TCP 127.0.0.2:40001", Expires),
            new PeerListDevice("phone", "sip:phone@127.0.0.3:5060", "UDP 127.0.0.3:5060", Expires.AddSeconds(5)),
        ]);
        PeerListXml.Parse(PeerListXml.Write("alice", [])).Devices.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("<peerList xmlns=\"urn:coffer:peer-list:1\"/>")] // no user
    [InlineData("<peerList xmlns=\"urn:coffer:peer-list:1\" user=\"a\"><device id=\"p\" contact=\"sip:p@h\" address=\"UDP h:1\"/></peerList>")] // no expires
    [InlineData("<peerList xmlns=\"urn:coffer:peer-list:1\" user=\"a\"><device id=\"p\" contact=\"sip:p@h\" address=\"UDP h:1\" expires=\"2026-12-07T12:00:00Z\"/><device id=\"p\" contact=\"sip:p@h\" address=\"UDP h:1\" expires=\"2026-12-07T12:00:00Z\"/></peerList>")] // a device twice
    [InlineData("<peers xmlns=\"urn:coffer:peer-list:1\" user=\"a\"/>")] // a root the schema does not declare
    [InlineData("<!DOCTYPE peerList [<!ENTITY x \"y\">]><peerList xmlns=\"urn:coffer:peer-list:1\" user=\"&x;\"/>")] // a DTD
    public void A_body_outside_the_schema_is_refused(string xml)
    {
        Should.Throw<PeerListException>(() => PeerListXml.Parse(Encoding.UTF8.GetBytes(xml)));
    }
}
