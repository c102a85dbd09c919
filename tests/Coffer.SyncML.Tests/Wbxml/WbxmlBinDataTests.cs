using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Coffer.SyncML.DevInf;
using Coffer.SyncML.Wbxml;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Wbxml;

/// <summary>
/// Item data in Format bin (OMA-TS-SyncML_MetaInfo-V1_2 §5.2.6) as one WBXML OPAQUE: written from bytes, read back as
/// the same bytes with <see cref="WbxmlOptions.ItemDataAsBytes"/>, and read as text (base64 when not UTF-8) without it.
/// </summary>
public sealed class WbxmlBinDataTests
{
    public static TheoryData<string> SessionMessages => TestDataPaths.Theory(WbxmlVectors.SessionFolder, "*.wbxml");

    [Fact]
    public void BinData_travels_as_the_bytes_themselves()
    {
        var photo = RandomNumberGenerator.GetBytes(300_000);
        var wire = WbxmlEncoder.Encode(SyncMLXml.ToXDocument(MessageWith(photo)));

        // The OPAQUE holds the bytes, not a third more of b64.
        wire.Length.ShouldBeLessThan(photo.Length + 600);
        wire.AsSpan().IndexOf(photo).ShouldBeGreaterThan(0);

        var read = SyncMLXml.Read(WbxmlDecoder.Decode(wire, new WbxmlOptions { ItemDataAsBytes = true }));
        var item = read.Body.Commands.OfType<SyncCommand>().Single().Commands.OfType<AddCommand>().Single().Items.Single();
        item.Data!.Bytes.ShouldNotBeNull();
        item.Data.Bytes!.Value.ToArray().ShouldBe(photo);
        BinItemData.IsBin(read.Body.Commands.OfType<SyncCommand>().Single().Commands.OfType<AddCommand>().Single().Meta!.Format).ShouldBeTrue();
    }

    [Fact]
    public void DecodeSharing_keeps_the_bytes_as_a_slice_of_the_message()
    {
        var photo = RandomNumberGenerator.GetBytes(300_000);
        var wire = WbxmlEncoder.Encode(SyncMLXml.ToXDocument(MessageWith(photo)));

        var read = SyncMLXml.Read(WbxmlDecoder.DecodeSharing(wire, new WbxmlOptions { ItemDataAsBytes = true }));
        var bytes = read.Body.Commands.OfType<SyncCommand>().Single().Commands.OfType<AddCommand>().Single().Items.Single().Data!.Bytes!.Value;

        bytes.ToArray().ShouldBe(photo);
        MemoryMarshal.TryGetArray(bytes, out var segment).ShouldBeTrue();
        segment.Array.ShouldBeSameAs(wire);
        segment.Offset.ShouldBe(wire.AsSpan().IndexOf(photo));
    }

    [Fact]
    public void Without_ItemDataAsBytes_binary_OPAQUE_reads_as_base64_text_and_utf8_as_text()
    {
        var photo = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 };
        var binary = SyncMLXml.Read(WbxmlDecoder.Decode(WbxmlEncoder.Encode(SyncMLXml.ToXDocument(MessageWith(photo)))));
        DataOf(binary).Text.ShouldBe(Convert.ToBase64String(photo));
        DataOf(binary).Bytes.ShouldBeNull();

        var card = Encoding.UTF8.GetBytes("BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n");
        var text = SyncMLXml.Read(WbxmlDecoder.Decode(WbxmlEncoder.Encode(SyncMLXml.ToXDocument(MessageWith(card))), new WbxmlOptions { ItemDataAsBytes = true }));
        DataOf(text).Text.ShouldBe(Encoding.UTF8.GetString(card));
    }

    [Fact]
    public void BinData_in_an_XML_message_is_its_text()
    {
        var xml = SyncMLXml.ToXmlString(MessageWith([0xFF, 0x00, 0x01]));
        xml.ShouldContain("<Data>/wAB</Data>");
    }

    [Theory]
    [MemberData(nameof(SessionMessages))]
    public void Client_messages_read_with_ItemDataAsBytes_are_the_same_messages(string file)
    {
        var wire = File.ReadAllBytes(TestDataPaths.Path(file));
        var asText = SyncMLXml.Read(WbxmlDecoder.Decode(wire));
        var asBytes = SyncMLXml.Read(WbxmlDecoder.Decode(wire, new WbxmlOptions { ItemDataAsBytes = true }));

        SyncMLXml.ToXmlString(asBytes, indent: true).ShouldBe(SyncMLXml.ToXmlString(asText, indent: true));
        WbxmlTreeComparer.ShouldBeSameTree(WbxmlDecoder.Decode(WbxmlEncoder.Encode(SyncMLXml.ToXDocument(asBytes))).Root!, WbxmlDecoder.Decode(wire).Root!);
    }

    private static ItemData DataOf(SyncMLMessage message) =>
        message.Body.Commands.OfType<SyncCommand>().Single().Commands.OfType<AddCommand>().Single().Items.Single().Data!;

    private static SyncMLMessage MessageWith(byte[] bytes)
    {
        var add = new AddCommand { CmdID = "3", Meta = new MetInf { Type = "image/jpeg", Format = BinItemData.Format } };
        add.Items.Add(new Item { Source = new SyncLocation("IMG_0001.jpg"), Data = ItemData.FromBytes(bytes) });
        var sync = new SyncCommand { CmdID = "2", Target = new SyncLocation("photos"), Source = new SyncLocation("photos") };
        sync.Commands.Add(add);
        var message = new SyncMLMessage
        {
            Header = new SyncHdr { VerDTD = "1.2", VerProto = "SyncML/1.2", SessionID = "1", MsgID = "1", Target = new SyncLocation("http://server/sync"), Source = new SyncLocation("agent") },
        };
        message.Body.Commands.Add(sync);
        message.Body.Final = true;
        return message;
    }
}
