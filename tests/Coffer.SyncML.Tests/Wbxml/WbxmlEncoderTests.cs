using System.Xml.Linq;
using Coffer.SyncML.Wbxml;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Wbxml;

/// <summary>How the encoder picks the document type, tokens and string forms.</summary>
public sealed class WbxmlEncoderTests
{
    private static readonly XNamespace S = WbxmlNamespaces.SyncML12;

    [Theory]
    [InlineData("<SyncML><SyncHdr><VerDTD>1.1</VerDTD></SyncHdr></SyncML>", 0x9F, 0x53)]
    [InlineData("<SyncML><SyncHdr><VerDTD>1.2</VerDTD></SyncHdr></SyncML>", 0xA4, 0x01)]
    [InlineData("<SyncML xmlns='SYNCML:SYNCML1.2'/>", 0xA4, 0x01)]
    [InlineData("<SyncML xmlns='SYNCML:SYNCML1.1'><SyncHdr><VerDTD>1.2</VerDTD></SyncHdr></SyncML>", 0x9F, 0x53)]
    [InlineData("<DevInf xmlns='syncml:devinf'><VerDTD>1.1</VerDTD></DevInf>", 0x9F, 0x54)]
    [InlineData("<DevInf><VerDTD>1.2</VerDTD></DevInf>", 0xA4, 0x03)]
    public void PublicId_ComesFromTheRootNamespaceOrVerDTD(string xml, int id0, int id1)
    {
        var wbxml = WbxmlEncoder.Encode(XElement.Parse(xml));

        // OMNA public ids: SyncML 1.1 0x0FD3, DevInf 1.1 0x0FD4, SyncML 1.2 0x1201, DevInf 1.2 0x1203.
        wbxml[1..3].ShouldBe([(byte)id0, (byte)id1]);
    }

    [Fact]
    public void DoctypeNamesTheVersion_WhenNothingElseDoes()
    {
        var document = new XDocument(new XDocumentType("SyncML", WbxmlPublicIds.SyncML11Text, null, null), new XElement("SyncML"));

        WbxmlEncoder.Encode(document)[1..3].ShouldBe([(byte)0x9F, (byte)0x53]);
    }

    [Fact]
    public void DevInfMetaType_IsWrittenAsWbxml_UnlessTurnedOff()
    {
        var message = XElement.Parse(
            "<SyncML xmlns='SYNCML:SYNCML1.2'><SyncBody><Put><Meta><Type xmlns='syncml:metinf'>application/vnd.syncml-devinf+xml</Type></Meta></Put></SyncBody></SyncML>");

        string TypeAfter(WbxmlEncodeOptions options) =>
            WbxmlDecoder.Decode(WbxmlEncoder.Encode(message, options)).Descendants(WbxmlNamespaces.MetInf + "Type").Single().Value;

        TypeAfter(new WbxmlEncodeOptions()).ShouldBe("application/vnd.syncml-devinf+wbxml");
        TypeAfter(new WbxmlEncodeOptions { RewriteDevInfMetaType = false }).ShouldBe("application/vnd.syncml-devinf+xml");
    }

    [Fact]
    public void ItemDataLength160_IsTheSpecsTwoByteMbUInt32()
    {
        var text = new string('a', 0xA0);
        var message = new XElement(S + "SyncML", new XElement(S + "SyncBody", new XElement(S + "Add", new XElement(S + "Item", new XElement(S + "Data", text)))));

        var wbxml = WbxmlEncoder.Encode(message);

        // WAP-192-WBXML §5.1: 0xA0 is encoded as 0x81 0x20.
        var opaque = Array.IndexOf(wbxml, (byte)0xC3);
        wbxml[(opaque + 1)..(opaque + 3)].ShouldBe([(byte)0x81, (byte)0x20]);
        WbxmlDecoder.Decode(wbxml).Descendants(S + "Data").Single().Value.ShouldBe(text);
    }

    [Fact]
    public void StatusData_IsAnInlineString_NotOpaque()
    {
        var message = new XElement(S + "SyncML", new XElement(S + "SyncBody", new XElement(S + "Status", new XElement(S + "Data", "200"))));

        var wbxml = WbxmlEncoder.Encode(message);

        wbxml.ShouldNotContain((byte)0xC3);
        wbxml.ShouldContain((byte)0x03);
    }

    [Fact]
    public void ElementWithoutToken_IsALiteralWhenLoose_AndRejectedWhenStrict()
    {
        var message = XElement.Parse("<SyncML xmlns='SYNCML:SYNCML1.2'><SyncHdr><XFoo>bar</XFoo></SyncHdr></SyncML>");

        var decoded = WbxmlDecoder.Decode(WbxmlEncoder.Encode(message));

        decoded.Descendants(S + "XFoo").Single().Value.ShouldBe("bar");
        Should.Throw<SyncMLFormatException>(() => WbxmlEncoder.Encode(message, new WbxmlEncodeOptions { Strict = true }));
    }

    [Fact]
    public void TextWithNul_GoesAsOpaque()
    {
        var message = new XElement(S + "SyncML", new XElement(S + "SyncHdr", new XElement(S + "LocName", "a\0b")));

        WbxmlDecoder.Decode(WbxmlEncoder.Encode(message)).Descendants(S + "LocName").Single().Value.ShouldBe("a\0b");
    }

    [Fact]
    public void UnknownRoot_IsRejected()
    {
        Should.Throw<SyncMLFormatException>(() => WbxmlEncoder.Encode(new XElement("html")));
    }

    [Fact]
    public void VeryDeepTree_IsRejectedInsteadOfOverflowingTheStack()
    {
        var root = new XElement(S + "SyncML");
        var current = root;
        for (var i = 0; i < 3_000; i++)
        {
            var next = new XElement(S + "Atomic");
            current.Add(next);
            current = next;
        }

        Should.Throw<SyncMLFormatException>(() => WbxmlEncoder.Encode(root)).Message.ShouldContain("deeper");
    }

    [Fact]
    public void NestedDevInf_IsAWholeWbxmlDocumentInsideOpaque()
    {
        var message = XElement.Parse(
            "<SyncML xmlns='SYNCML:SYNCML1.2'><SyncBody><Put><Meta><Type xmlns='syncml:metinf'>application/vnd.syncml-devinf+xml</Type></Meta>"
            + "<Item><Data><DevInf xmlns='syncml:devinf'><VerDTD>1.2</VerDTD><Man>x</Man></DevInf></Data></Item></Put></SyncBody></SyncML>");

        var wbxml = WbxmlEncoder.Encode(message);

        // The OPAQUE starts with its own header: WBXML 1.2, DevInf 1.2 (0x1203), UTF-8, no string table.
        // wbxml2xml reads the OPAQUE as DevInf only when the Meta Type announces it, and renders "+wbxml" as "+xml".
        var opaque = Array.IndexOf(wbxml, (byte)0xC3);
        wbxml[(opaque + 2)..(opaque + 7)].ShouldBe([(byte)0x02, (byte)0xA4, (byte)0x03, (byte)0x6A, (byte)0x00]);
        WbxmlTreeComparer.ShouldBeSameTree(Libwbxml.Wbxml2Xml(wbxml).Root!, message);
    }
}
