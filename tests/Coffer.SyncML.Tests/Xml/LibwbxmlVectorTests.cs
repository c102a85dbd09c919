using Coffer.TestData;

namespace Coffer.SyncML.Tests.Xml;

/// <summary>libwbxml's SyncML 1.1 test messages: no namespace, a DOCTYPE public id, metinf in syncml:metinf.</summary>
public class LibwbxmlVectorTests
{
    public static TheoryData<string> Messages()
    {
        var data = new TheoryData<string>();
        foreach (var f in TestDataPaths.Files("libwbxml-syncml", "*.xml"))
        {
            var root = SyncMLXml.LoadXDocument(File.ReadAllText(f)).Root!;
            if (root.Name.LocalName == "SyncML" && root.Elements().Any(e => e.Name.LocalName == "SyncHdr"))
            {
                data.Add(Path.GetRelativePath(TestDataPaths.Root, f));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_keeps_its_meaning_through_model_and_back(string file)
    {
        var message = RoundTrip.AssertKeepsMeaning(RoundTrip.Read(file), file);
        message.Version.ShouldBe(SyncMLVersion.V1_1, "VerDTD 1.1 / DOCTYPE 1.1 without a namespace");
        RoundTrip.AssertStable(message);
    }

    [Fact]
    public void Every_vector_is_covered_by_one_of_the_tests()
    {
        // 11 (a bare DevInf document) and 13/14 (a SyncBody without SyncHdr) are not whole messages; the
        // tests below cover them, so the theory above must hold the other 11.
        Messages().Count.ShouldBe(TestDataPaths.Files("libwbxml-syncml", "*.xml").Count - 3);
    }

    [Theory]
    [InlineData("libwbxml-syncml/syncml-013.xml")]
    [InlineData("libwbxml-syncml/syncml-014.xml")]
    public void Message_without_SyncHdr_is_rejected_but_its_body_round_trips(string file)
    {
        var xml = RoundTrip.Read(file);
        var ex = Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml));
        ex.Message.ShouldContain("no SyncHdr");

        var bodyElement = RoundTrip.Root(xml).Elements().Single(e => e.Name.LocalName == "SyncBody");
        var body = SyncMLXml.ReadBody(bodyElement);
        var written = SyncMLXml.WriteBody(body, SyncMLVersion.V1_1);
        RoundTrip.ComparerFor(SyncMLVersion.V1_1).AssertEquivalent(bodyElement, written, file);
    }

    [Fact]
    public void Cdata_vcard_with_trailing_whitespace_keeps_its_text()
    {
        var bodyElement = RoundTrip.Root(RoundTrip.Read("libwbxml-syncml/syncml-014.xml")).Elements().Single(e => e.Name.LocalName == "SyncBody");
        var add = (AddCommand)((SyncCommand)SyncMLXml.ReadBody(bodyElement).Commands[0]).Commands[0];
        var text = add.Items[0].Data!.Text!;
        text.ShouldStartWith("BEGIN:VCARD\nVERSION:2.1\n");
        text.TrimEnd().ShouldEndWith("END:VCARD");
        add.Meta!.Type.ShouldBe("text/x-vcard");
    }

    [Fact]
    public void Bare_DevInf_document_is_not_a_SyncML_message_but_survives_as_item_data()
    {
        var xml = RoundTrip.Read("libwbxml-syncml/syncml-011.xml");
        var ex = Should.Throw<SyncMLFormatException>(() => SyncMLXml.Parse(xml));
        ex.Message.ShouldContain("<DevInf>");

        var devinf = RoundTrip.Root(xml);
        var message = new SyncMLMessage
        {
            Version = SyncMLVersion.V1_1,
            Header = new SyncHdr { VerProto = "SyncML/1.1", SessionID = "1", MsgID = "1", Target = new("server"), Source = new("client") },
        };
        var put = new PutCommand { CmdID = "1", Meta = new MetInf { Type = "application/vnd.syncml-devinf+xml" } };
        put.Items.Add(new Item { Source = new("./devinf11"), Data = ItemData.FromElement(devinf) });
        message.Body.Commands.Add(put);

        var back = SyncMLXml.Parse(SyncMLXml.ToXmlString(message));
        var element = ((PutCommand)back.Body.Commands[0]).Items[0].Data!.Element!;
        element.Name.ShouldBe(SyncMLNamespaces.DevInf + "DevInf");
        XmlTreeComparer.Default.AssertEquivalent(devinf, element);
    }

    [Fact]
    public void Device_management_bootstrap_keeps_empty_data_and_trims_padded_LocURI()
    {
        var message = SyncMLXml.Parse(RoundTrip.Read("libwbxml-syncml/syncml-012.xml"));
        var add = (AddCommand)message.Body.Commands.Single();
        add.Items.Count.ShouldBe(4);
        add.Items[0].Target!.LocURI.ShouldBe("./SyncML/DMAcc/UltimateManagement");
        add.Items[0].Meta!.Format.ShouldBe("node");
        add.Items[0].Data!.Text.ShouldBe(string.Empty);
        add.Items[2].Data.ShouldBeNull();
        message.Body.Final.ShouldBeTrue();
    }
}
