using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Coffer.Sip.Session;

namespace Coffer.Sip.Tests.Session;

public class SessionDescriptionXmlTests
{
    private static readonly SessionDescription Offer =
        new(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 10000), PeerDataType.Contacts, PeerSyncProtocol.SyncML, Secret: "c2VjcmV0LW9mLXRoaXMtc2Vzc2lvbg");

    public static TheoryData<string> Descriptions => new(
        "offer", "answer", "ipv6", "files-rsync", "no-secret");

    private static SessionDescription Sample(string name) => name switch
    {
        "offer" => Offer,
        "answer" => Offer.Answer(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 20000)),
        "ipv6" => Offer with { Source = new IPEndPoint(IPAddress.IPv6Loopback, 1), Destination = new IPEndPoint(IPAddress.Parse("fe80::1"), 65535) },
        "files-rsync" => Offer with { DataType = PeerDataType.Files, Protocol = PeerSyncProtocol.Rsync },
        _ => Offer with { Secret = null, DataType = PeerDataType.Music },
    };

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void Every_body_we_write_is_valid_against_the_schema_in_docs_and_reads_back(string name)
    {
        var description = Sample(name);
        var body = SessionDescriptionXml.Write(description);

        var schemas = new XmlSchemaSet();
        schemas.Add(SessionDescriptionSchema.Namespace, DocsSchemaPath());
        var errors = new List<string>();
        XDocument.Parse(Encoding.UTF8.GetString(body)).Validate(schemas, (_, e) => errors.Add(e.Message));
        errors.ShouldBeEmpty();

        SessionDescriptionXml.Parse(body).ShouldBe(description);
    }

    [Fact]
    public void The_seed_s_element_names_are_used()
    {
        var xml = Encoding.UTF8.GetString(SessionDescriptionXml.Write(Sample("answer")));
        xml.ShouldContain("<sourceIP>127.0.0.2</sourceIP><sourcePort>10000</sourcePort>");
        xml.ShouldContain("<destinationIP>127.0.0.3</destinationIP><destinationPort>20000</destinationPort>");
        xml.ShouldContain("<dataType>contacts</dataType><syncProtocol>syncml</syncProtocol>");
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "not xml", "not well-formed" },
        { Body("<sourceIP>127.0.0.2</sourceIP><dataType>contacts</dataType><syncProtocol>syncml</syncProtocol>"), "sourcePort" },
        { Body("<sourceIP>127.0.0.2</sourceIP><sourcePort>0</sourcePort><dataType>contacts</dataType><syncProtocol>syncml</syncProtocol>"), "sourcePort" },
        { Body("<sourceIP>127.0.0.2</sourceIP><sourcePort>70000</sourcePort><dataType>contacts</dataType><syncProtocol>syncml</syncProtocol>"), "sourcePort" },
        { Body("<sourceIP>300.0.0.2</sourceIP><sourcePort>1</sourcePort><dataType>contacts</dataType><syncProtocol>syncml</syncProtocol>"), "sourceIP" },
        { Body("<sourceIP>::g</sourceIP><sourcePort>1</sourcePort><dataType>contacts</dataType><syncProtocol>syncml</syncProtocol>"), "sourceIP" },
        { Body("<sourceIP>127.0.0.2</sourceIP><sourcePort>1</sourcePort><dataType>address book</dataType><syncProtocol>syncml</syncProtocol>"), "dataType" },
        { Body("<sourceIP>127.0.0.2</sourceIP><sourcePort>1</sourcePort><dataType>contacts</dataType><syncProtocol>ftp</syncProtocol>"), "syncProtocol" },
        { Body("<sourceIP>127.0.0.2</sourceIP><sourcePort>1</sourcePort><destinationIP>127.0.0.3</destinationIP><dataType>contacts</dataType><syncProtocol>syncml</syncProtocol>"), "destinationPort" },
        { Body("<sourceIP>127.0.0.2</sourceIP><sourcePort>1</sourcePort><dataType>contacts</dataType><syncProtocol>syncml</syncProtocol><secret>short</secret>"), "secret" },
        { Body("<sourceIP>127.0.0.2</sourceIP><sourcePort>1</sourcePort><dataType>contacts</dataType><syncProtocol>syncml</syncProtocol><extra/>"), "extra" },
        { "<sessionDescription><sourceIP>127.0.0.2</sourceIP></sessionDescription>", "sessionDescription" },
        { "<!DOCTYPE x [<!ENTITY e \"e\">]><x>&e;</x>", "DTD" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_body_is_refused_with_a_message_naming_what_is_wrong(string body, string named)
    {
        var error = Should.Throw<SessionDescriptionException>(() => SessionDescriptionXml.Parse(Encoding.UTF8.GetBytes(body)));
        error.Message.ShouldContain(named);
    }

    private static string Body(string inner) => $"<sessionDescription xmlns=\"{SessionDescriptionSchema.Namespace}\">{inner}</sessionDescription>";

    private static string DocsSchemaPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "peer-session.xsd");
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException("docs/peer-session.xsd");
    }
}
