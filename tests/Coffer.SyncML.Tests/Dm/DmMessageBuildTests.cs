using System.Xml.Linq;
using Coffer.SyncML.Dm;
using Coffer.SyncML.Wbxml;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Dm;

/// <summary>
/// DM messages built with the model and the Dm helpers (not read from a file) — as the server and the agent build
/// them — encoded by Coffer and read back by libwbxml's <c>wbxml2xml</c>, and decoded again by Coffer to the same model.
/// </summary>
public sealed class DmMessageBuildTests
{
    // wbxml2xml prints an OPAQUE's bytes as they are, so the bin item here is bytes XML can hold (UTF-8, no
    // controls); bytes that are not UTF-8 are covered by the WBXML tests of Coffer's own decoder (docs/wbxml.md).
    private static readonly byte[] RingtoneBytes = [0x4D, 0x54, 0x68, 0x64, 0xC3, 0xA9, 0x2B, 0x2F];

    private static SyncMLMessage Package2()
    {
        var message = new SyncMLMessage
        {
            Header = new SyncHdr
            {
                VerDTD = DmVersion.VerDtd,
                VerProto = DmVersion.VerProto,
                SessionID = "48879",
                MsgID = "2",
                Target = new SyncLocation("IMEI:493005100592800"),
                Source = new SyncLocation("https://coffer.example/dm"),
            },
        };
        var confirm = new DmUiAlert
        {
            Code = DmAlertCode.Confirm,
            Options = new DmUiOptions { MinDisplaySeconds = 10, MaxDisplaySeconds = 60, DefaultResponse = "0" },
            Text = "Back up 3 MB now? You are roaming: this may cost money.",
        };
        var choice = new DmUiAlert { Code = DmAlertCode.SingleChoice, Options = new DmUiOptions { MaxDisplaySeconds = 30 }, Text = "Restore:" };
        choice.Choices.AddRange(["Everything", "Settings only"]);
        message.Body.Commands.Add(confirm.ToCommand("1"));
        message.Body.Commands.Add(choice.ToCommand("2"));

        var get = new GetCommand { CmdID = "3" };
        get.Items.Add(new Item { Target = new SyncLocation("./DevDetail/FwV") });
        message.Body.Commands.Add(get);

        var add = new AddCommand { CmdID = "4" };
        add.Items.Add(new Item
        {
            Target = new SyncLocation("./Coffer/Backup/Media/Ringtones/chime.mid"),
            Meta = new MetInf { Format = DmFormat.Bin, Type = "audio/midi" },
            Data = ItemData.FromBytes(RingtoneBytes),
        });
        add.Items.Add(new Item
        {
            Target = new SyncLocation("./Coffer/Backup/Settings"),
            Meta = new MetInf { Format = DmFormat.Xml, Type = DmVersion.TndsXmlType },
            Data = ItemData.FromElement(new XElement(
                WbxmlNamespaces.DmDdf12 + "MgmtTree",
                new XElement(WbxmlNamespaces.DmDdf12 + "VerDTD", "1.2"),
                new XElement(
                    WbxmlNamespaces.DmDdf12 + "Node",
                    new XElement(WbxmlNamespaces.DmDdf12 + "NodeName", "ringer.volume"),
                    new XElement(WbxmlNamespaces.DmDdf12 + "RTProperties", new XElement(WbxmlNamespaces.DmDdf12 + "Format", new XElement(WbxmlNamespaces.DmDdf12 + "int"))),
                    new XElement(WbxmlNamespaces.DmDdf12 + "Value", "7")))),
        });
        message.Body.Commands.Add(add);
        message.Body.Final = true;
        return message;
    }

    [Fact]
    public void Built_package_2_reads_back_through_wbxml2xml_and_coffer()
    {
        var message = Package2();
        var written = SyncMLXml.ToXDocument(message);

        var wbxml = WbxmlEncoder.Encode(written);

        // The XML form of the message: item bytes as their text, which is what wbxml2xml prints for an OPAQUE.
        var asXml = XDocument.Parse(SyncMLXml.ToXmlString(message));
        WbxmlTreeComparer.ShouldBeSameTree(Libwbxml.Wbxml2Xml(wbxml).Root!, asXml.Root!);
        var back = SyncMLXml.Read(WbxmlDecoder.Decode(wbxml, new WbxmlOptions { ItemDataAsBytes = true }));
        SyncMLXml.ToXmlString(back, indent: true).Replace("dmtnds+wbxml", "dmtnds+xml", StringComparison.Ordinal)
            .ShouldBe(SyncMLXml.ToXmlString(message, indent: true));

        var alerts = back.Body.Commands.OfType<AlertCommand>().Select(DmUiAlert.Read).ToList();
        alerts[0].Options.MaxDisplaySeconds.ShouldBe(60);
        alerts[0].Text.ShouldContain("roaming");
        alerts[1].Choices.ShouldBe(["Everything", "Settings only"]);
        var ringtone = back.Body.Commands.OfType<AddCommand>().Single().Items[0].Data!;
        ringtone.Bytes!.Value.ToArray().ShouldBe(RingtoneBytes);
    }
}
