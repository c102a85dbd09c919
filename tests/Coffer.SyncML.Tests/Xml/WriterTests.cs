using System.Text;
using System.Xml.Linq;

namespace Coffer.SyncML.Tests.Xml;

/// <summary>The canonical form the writer emits, and that it reads back unchanged.</summary>
public class WriterTests
{
    private static SyncMLMessage ServerReply()
    {
        var message = new SyncMLMessage
        {
            Version = SyncMLVersion.V1_2,
            Header = new SyncHdr
            {
                VerProto = "SyncML/1.2",
                SessionID = "42",
                MsgID = "2",
                Target = new SyncLocation("IMEI:4930051", "alice"),
                Source = new SyncLocation("https://coffer.example/sync"),
                RespURI = "https://coffer.example/sync?s=42",
                Meta = new MetInf { MaxMsgSize = 65536, MaxObjSize = 4_000_000 },
            },
        };
        var status = new StatusCommand { CmdID = "1", MsgRef = "1", CmdRef = "0", Cmd = "SyncHdr", Code = StatusCode.InvalidCredentials };
        status.TargetRefs.Add("https://coffer.example/sync");
        status.SourceRefs.Add("IMEI:4930051");
        status.Chal = new Chal { Meta = new MetInf { Type = "syncml:auth-md5", Format = "b64", NextNonce = "Tm9uY2U=" } };
        message.Body.Commands.Add(status);

        var alert = new AlertCommand { CmdID = "2", Code = AlertCode.SlowSync };
        alert.Items.Add(new Item { Target = new("./contacts"), Source = new("card"), Meta = new MetInf { Anchor = new Anchor { Last = "1", Next = "2" } } });
        message.Body.Commands.Add(alert);

        var sync = new SyncCommand { CmdID = "3", Target = new("./contacts"), Source = new("card"), NumberOfChanges = 2 };
        var add = new AddCommand { CmdID = "4", Meta = new MetInf { Type = "text/x-vcard", Mem = new Mem { SharedMem = true, FreeMem = 1024, FreeID = 7 } } };
        add.Items.Add(new Item { Source = new("guid-1"), Data = ItemData.FromText("BEGIN:VCARD\r\nFN:A & B <C>\r\nEND:VCARD\r\n") });
        var delete = new DeleteCommand { CmdID = "5", SftDel = true };
        delete.Items.Add(new Item { Target = new("luid-9") });
        sync.Commands.Add(add);
        sync.Commands.Add(delete);
        message.Body.Commands.Add(sync);
        message.Body.Final = true;
        return message;
    }

    [Fact]
    public void Built_message_reads_back_in_strict_mode_with_every_value()
    {
        var back = SyncMLXml.Parse(SyncMLXml.ToUtf8Bytes(ServerReply()), SyncMLReadOptions.StrictDefault);

        back.Header.VerDTD.ShouldBe("1.2", "VerDTD is filled in from the version");
        back.Header.Target!.LocName.ShouldBe("alice");
        back.Header.Meta!.MaxObjSize.ShouldBe(4_000_000);
        var status = (StatusCommand)back.Body.Commands[0];
        status.Code.ShouldBe(401);
        status.Chal!.Meta!.NextNonce.ShouldBe("Tm9uY2U=");
        ((AlertCommand)back.Body.Commands[1]).Items[0].Meta!.Anchor!.Next.ShouldBe("2");
        var sync = (SyncCommand)back.Body.Commands[2];
        sync.NumberOfChanges.ShouldBe(2);
        var add = (AddCommand)sync.Commands[0];
        add.Items[0].Data!.Text.ShouldBe("BEGIN:VCARD\nFN:A & B <C>\nEND:VCARD\n", "XML normalizes CRLF to LF");
        add.Meta!.Mem!.SharedMem.ShouldBeTrue();
        add.Meta.Mem.FreeID.ShouldBe(7);
        ((DeleteCommand)sync.Commands[1]).SftDel.ShouldBeTrue();
        back.Body.Final.ShouldBeTrue();
    }

    [Fact]
    public void MetInf_elements_use_a_default_namespace_declaration_not_a_prefix()
    {
        // Phones match MetInf by xmlns='syncml:metinf' on the element; prefixes confuse several of them.
        var xml = SyncMLXml.ToXmlString(ServerReply());
        xml.ShouldStartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><SyncML xmlns=\"SYNCML:SYNCML1.2\">");
        xml.ShouldContain("<MaxMsgSize xmlns=\"syncml:metinf\">65536</MaxMsgSize>");
        xml.ShouldContain("<Anchor xmlns=\"syncml:metinf\"><Last>1</Last><Next>2</Next></Anchor>");
        xml.ShouldNotContain("xmlns:");
        xml.ShouldContain("FN:A &amp; B &lt;C&gt;");
    }

    [Theory]
    [InlineData(SyncMLVersion.V1_0, "SYNCML:SYNCML1.0", "1.0")]
    [InlineData(SyncMLVersion.V1_1, "SYNCML:SYNCML1.1", "1.1")]
    [InlineData(SyncMLVersion.V1_2, "SYNCML:SYNCML1.2", "1.2")]
    public void Root_namespace_and_VerDTD_follow_the_version(SyncMLVersion version, string ns, string verDtd)
    {
        var message = ServerReply();
        message.Version = version;
        var root = SyncMLXml.ToXDocument(message).Root!;
        root.Name.ShouldBe(XName.Get("SyncML", ns));
        root.Descendants(XName.Get("VerDTD", ns)).Single().Value.ShouldBe(verDtd);
        SyncMLXml.Parse(SyncMLXml.ToXmlString(message), SyncMLReadOptions.StrictDefault).Version.ShouldBe(version);
    }

    [Fact]
    public void Utf8_output_has_no_byte_order_mark()
    {
        var bytes = SyncMLXml.ToUtf8Bytes(ServerReply());
        bytes[0].ShouldBe((byte)'<');
        Encoding.UTF8.GetString(bytes).ShouldContain("FN:A");
    }

    [Fact]
    public void Character_xml_cannot_carry_is_a_format_error_not_an_argument_exception()
    {
        var message = ServerReply();
        ((AddCommand)((SyncCommand)message.Body.Commands[2]).Commands[0]).Items[0].Data = ItemData.FromText("bad \u0001 char");
        Should.Throw<SyncMLFormatException>(() => SyncMLXml.ToXmlString(message));
    }

    [Fact]
    public void Nested_devinf_keeps_its_namespace_inside_SyncML()
    {
        var devinf = new XElement(SyncMLNamespaces.DevInf + "DevInf", new XElement(SyncMLNamespaces.DevInf + "VerDTD", "1.2"));
        var message = ServerReply();
        var results = new ResultsCommand { CmdID = "9", MsgRef = "1", CmdRef = "3", Meta = new MetInf { Type = "application/vnd.syncml-devinf+xml" } };
        results.Items.Add(new Item { Source = new("./devinf12"), Data = ItemData.FromElement(devinf) });
        message.Body.Commands.Add(results);

        var xml = SyncMLXml.ToXmlString(message);
        xml.ShouldContain("<Data><DevInf xmlns=\"syncml:devinf\"><VerDTD>1.2</VerDTD></DevInf></Data>");
        var back = (ResultsCommand)SyncMLXml.Parse(xml, SyncMLReadOptions.StrictDefault).Body.Commands[3];
        back.Items[0].Data!.Element!.Name.ShouldBe(SyncMLNamespaces.DevInf + "DevInf");
    }
}
