using Coffer.TestData;
using System.Text;
using System.Xml.Linq;
using Coffer.SyncML.Wbxml;

namespace Coffer.SyncML.Tests.Wbxml;

/// <summary>Header, token and safety rules of WAP-192-WBXML on hand-built messages.</summary>
public sealed class WbxmlDecoderTests
{
    // WBXML 1.2, public id 0x1201 (mb_u_int32 A4 01), UTF-8, empty string table.
    private static readonly byte[] SyncML12Header = [0x02, 0xA4, 0x01, 0x6A, 0x00];

    private static readonly XNamespace S = WbxmlNamespaces.SyncML12;

    private static byte[] Message(byte[] header, params byte[] body) => [.. header, .. body];

    private static SyncMLFormatException Rejects(byte[] input, WbxmlOptions? options = null) =>
        Should.Throw<SyncMLFormatException>(() => WbxmlDecoder.Decode(input, options));

    [Fact]
    public void StringPublicId_IsReadFromTheStringTable()
    {
        var id = Encoding.ASCII.GetBytes("-//SYNCML//DTD SyncML 1.2//EN\0");
        byte[] input = [0x02, 0x00, 0x00, 0x6A, (byte)id.Length, .. id, 0x6D, 0x01];

        var ours = WbxmlDecoder.Decode(input, new WbxmlOptions { Strict = true });

        ours.Root!.Name.ShouldBe(S + "SyncML");
        ours.DocumentType!.PublicId.ShouldBe(WbxmlPublicIds.SyncML12Text);
        Libwbxml.Wbxml2Xml(input).Root!.Name.ShouldBe(ours.Root.Name);
    }

    [Fact]
    public void Utf16Charset_IsRejectedAtTheCharsetByte()
    {
        // MIBenum 1015 (UTF-16) = mb_u_int32 87 77: its NULs are two bytes, which termstr cannot express here.
        var e = Rejects([0x02, 0xA4, 0x01, 0x87, 0x77, 0x00, 0x6D, 0x01]);

        e.Position.ShouldBe(3);
        e.Message.ShouldContain("1015");
    }

    [Theory]
    [InlineData((byte)0x00)]
    [InlineData((byte)0x04)]
    public void UnsupportedVersion_IsRejectedAtOffsetZero(byte version)
    {
        Rejects([version, 0xA4, 0x01, 0x6A, 0x00, 0x6D, 0x01]).Position.ShouldBe(0);
    }

    [Fact]
    public void InlineStringWithoutNul_IsATruncation()
    {
        // SyncML > SyncHdr > VerDTD "1.2 with the terminator missing.
        var input = Message(SyncML12Header, 0x6D, 0x6C, 0x71, 0x03, 0x31, 0x2E, 0x32);

        var e = Rejects(input);

        e.Message.ShouldContain("NUL");
        e.Position.ShouldBe(9);
    }

    [Fact]
    public void StringTableReferenceBeyondTheTable_IsRejectedAtTheReference()
    {
        // Table "ab\0"; VerDTD refers to offset 7.
        byte[] input = [0x02, 0xA4, 0x01, 0x6A, 0x03, 0x61, 0x62, 0x00, 0x6D, 0x6C, 0x71, 0x83, 0x07, 0x01, 0x01, 0x01];

        var e = Rejects(input);

        e.Position.ShouldBe(12);
    }

    [Fact]
    public void MbUInt32LongerThanFiveBytes_IsRejected()
    {
        Rejects([0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x6A, 0x00]).Message.ShouldContain("mb_u_int32");
    }

    [Fact]
    public void DeepNesting_IsRejectedInsteadOfOverflowingTheStack()
    {
        var input = Message(SyncML12Header, [.. Enumerable.Repeat((byte)0x6D, 200_000)]);

        Rejects(input).Message.ShouldContain("deeper than 64");
    }

    [Fact]
    public void StringTableReferencedOverAndOver_StopsAtTheTextLimit()
    {
        // One 1000-byte string referenced 5000 times: 5 MB of text from a 16 KB message.
        var table = new byte[1001];
        Array.Fill(table, (byte)'x', 0, 1000);
        var refs = Enumerable.Range(0, 5000).SelectMany(_ => new byte[] { 0x83, 0x00 });
        byte[] input = [0x02, 0xA4, 0x01, 0x6A, 0x87, 0x69, .. table, 0x6D, 0x6C, 0x71, .. refs, 0x01, 0x01, 0x01];

        Rejects(input, new WbxmlOptions { MaxTextLength = 1_000_000 }).Message.ShouldContain("exceeds");
    }

    [Fact]
    public void StringTableReferencedOverAndOver_IsALimitNotASyntaxError()
    {
        // A 1 MiB string referenced 60 times: 60 Mi characters from a 1 MiB message, under the old 64 Mi default.
        var table = new byte[(1 << 20) + 1];
        Array.Fill(table, (byte)'x', 0, 1 << 20);
        var refs = Enumerable.Range(0, 60).SelectMany(_ => new byte[] { 0x83, 0x00 });
        byte[] size = [(byte)(0x80 | ((table.Length >> 14) & 0x7F)), (byte)(0x80 | ((table.Length >> 7) & 0x7F)), (byte)(table.Length & 0x7F)];
        byte[] input = [0x02, 0xA4, 0x01, 0x6A, .. size, .. table, 0x6D, 0x6C, 0x71, .. refs, 0x01, 0x01, 0x01];

        var e = Rejects(input, new WbxmlOptions { MaxTextLength = 8L << 20 });
        e.LimitExceeded.ShouldBeTrue();
        e.Message.ShouldContain("exceeds");
    }

    [Fact]
    public void MoreElementsThanAllowed_IsALimit()
    {
        // <SyncML><SyncBody> then 100 empty <Final/> (0x12 on page 0) — any tag counts.
        byte[] input = [.. SyncML12Header, 0x6D, 0x6B, .. Enumerable.Repeat((byte)0x12, 100), 0x01, 0x01];

        var e = Rejects(input, new WbxmlOptions { MaxElements = 50 });
        e.LimitExceeded.ShouldBeTrue();
        e.Message.ShouldContain("more than 50 elements");
    }

    [Fact]
    public void HeaderOnly_StopsAfterTheSyncHdr_OfARealMessage()
    {
        var bytes = File.ReadAllBytes(TestDataPaths.Path("syncevolution-captures", "session-wbxml", "001-request.body.wbxml"));

        var root = WbxmlDecoder.Decode(bytes, new WbxmlOptions { HeaderOnly = true, MaxElements = 60 }).Root!;

        root.Elements().Select(e => e.Name.LocalName).ShouldBe(["SyncHdr"]);
        root.Element(root.Name.Namespace + "SyncHdr")!.Descendants().ShouldContain(e => e.Name.LocalName == "Cred");
    }

    [Fact]
    public void InputOverTheSizeLimit_IsRejectedBeforeDecoding()
    {
        Rejects(Message(SyncML12Header, 0x6D, 0x01), new WbxmlOptions { MaxInputSize = 6 }).Message.ShouldContain("limit");
    }

    [Fact]
    public void BytesAfterTheRootElement_AreRejected()
    {
        Rejects(Message(SyncML12Header, 0x6D, 0x01, 0x6D, 0x01)).Position.ShouldBe(7);
    }

    [Fact]
    public void BinaryOpaque_BecomesMarkedBase64_AndEncodesBackToTheSameBytes()
    {
        // SyncML > SyncBody > Put > Item > Data OPAQUE(FF FE 00 80): not UTF-8.
        var input = Message(SyncML12Header, 0x6D, 0x6B, 0x5F, 0x54, 0x4F, 0xC3, 0x04, 0xFF, 0xFE, 0x00, 0x80, 0x01, 0x01, 0x01, 0x01, 0x01);

        var decoded = WbxmlDecoder.Decode(input);

        var data = decoded.Descendants(S + "Data").Single();
        data.Value.ShouldBe(Convert.ToBase64String([0xFF, 0xFE, 0x00, 0x80]));
        data.Attribute(WbxmlNamespaces.OpaqueEncoding)!.Value.ShouldBe("base64");
        WbxmlEncoder.Encode(decoded).ShouldBe(input);
    }

    [Fact]
    public void UnknownTagToken_IsKeptWhenLoose_AndRejectedWhenStrict()
    {
        // 0x30 is reserved on SyncML code page 0.
        var input = Message(SyncML12Header, 0x6D, 0x70, 0x03, 0x78, 0x00, 0x01, 0x01);

        var loose = WbxmlDecoder.Decode(input);

        loose.Root!.Elements().Single().Name.ShouldBe(S + "Unknown-00-30");
        WbxmlEncoder.Encode(loose).ShouldBe(input);
        Rejects(input, new WbxmlOptions { Strict = true }).Position.ShouldBe(6);
    }

    [Fact]
    public void AttributesOnATag_AreSkippedWhenLoose_AndRejectedWhenStrict()
    {
        // SyncML with attributes (0x80) and content: attribute 0x05 = STR_I "x", END, then content END.
        var input = Message(SyncML12Header, 0xED, 0x05, 0x03, 0x78, 0x00, 0x01, 0x6C, 0x01, 0x01);

        WbxmlDecoder.Decode(input).Root!.Elements().Single().Name.ShouldBe(S + "SyncHdr");
        Rejects(input, new WbxmlOptions { Strict = true }).Position.ShouldBe(5);
    }

    [Fact]
    public void Latin1Charset_AndEntity_DecodeToTheSameCharacter()
    {
        // VerDTD text: ISO-8859-1 byte E9, then ENTITY U+00E9 (mb_u_int32 81 69).
        byte[] input = [0x02, 0xA4, 0x01, 0x04, 0x00, 0x6D, 0x6C, 0x71, 0x03, 0xE9, 0x00, 0x02, 0x81, 0x69, 0x01, 0x01, 0x01];

        WbxmlDecoder.Decode(input).Descendants(S + "VerDTD").Single().Value.ShouldBe("éé");
    }

    [Theory]
    [InlineData((byte)0x9F, (byte)0x54, "Size")]
    [InlineData((byte)0xA4, (byte)0x03, "MaxSize")]
    public void DevInfToken1C_IsSizeIn11_AndMaxSizeIn12(byte id0, byte id1, string expected)
    {
        byte[] input = [0x02, id0, id1, 0x6A, 0x00, 0x4A, 0x5C, 0x03, 0x35, 0x00, 0x01, 0x01];

        var root = WbxmlDecoder.Decode(input, new WbxmlOptions { Strict = true }).Root!;

        root.Name.ShouldBe(WbxmlNamespaces.DevInf + "DevInf");
        root.Elements().Single().Name.LocalName.ShouldBe(expected);
    }

    [Fact]
    public void SourceParentInSyncML11_IsAcceptedWhenLoose_AndRejectedWhenStrict()
    {
        // Nokia phones send the 1.2 token SourceParent (0x39) in SyncML 1.1 messages.
        byte[] input = [0x02, 0x9F, 0x53, 0x6A, 0x00, 0x6D, 0x79, 0x03, 0x78, 0x00, 0x01, 0x01];

        WbxmlDecoder.Decode(input).Root!.Elements().Single().Name.ShouldBe(WbxmlNamespaces.SyncML11 + "SourceParent");
        Rejects(input, new WbxmlOptions { Strict = true });
    }

    [Fact]
    public void TagWithContentFlagButNoContent_SurvivesReencoding()
    {
        // <Data> with the content flag and an immediate END, beside an empty <Final/>.
        var input = Message(SyncML12Header, 0x6D, 0x6B, 0x4F, 0x01, 0x12, 0x01, 0x01);

        var decoded = WbxmlDecoder.Decode(input);

        decoded.Descendants(S + "Data").Single().IsEmpty.ShouldBeFalse();
        decoded.Descendants(S + "Final").Single().IsEmpty.ShouldBeTrue();
        WbxmlEncoder.Encode(decoded).ShouldBe(input);
    }

    [Fact]
    public void InvalidUtf8_IsRepairedWhenLoose_AndRejectedWhenStrict()
    {
        var input = Message(SyncML12Header, 0x6D, 0x6C, 0x71, 0x03, 0x31, 0xC3, 0x28, 0x00, 0x01, 0x01, 0x01);

        WbxmlDecoder.Decode(input).Descendants(S + "VerDTD").Single().Value.ShouldBe("1\uFFFD(");
        Rejects(input, new WbxmlOptions { Strict = true }).Position.ShouldBe(8);
    }

    [Fact]
    public void UnknownPublicId_IsReadByTheRootTokenWhenLoose()
    {
        byte[] input = [0x02, 0x01, 0x6A, 0x00, 0x6D, 0x01];

        WbxmlDecoder.Decode(input).Root!.Name.ShouldBe(S + "SyncML");
        Rejects(input, new WbxmlOptions { Strict = true }).Position.ShouldBe(1);
    }

    [Fact]
    public void LiteralWithEmptyName_IsAFormatError()
    {
        // Found by the fuzz test: LITERAL pointing at an empty string-table entry made XmlConvert throw ArgumentException.
        byte[] input = [0x02, 0xA4, 0x01, 0x6A, 0x01, 0x00, 0x6D, 0x04, 0x00, 0x01];

        Rejects(input).Position.ShouldBe(7);
    }

    [Fact]
    public void TreeComparer_SeesChangedTextAndNamespaces()
    {
        var a = XElement.Parse("<SyncML xmlns='SYNCML:SYNCML1.2'><Data> 200 </Data></SyncML>");
        var changedText = XElement.Parse("<SyncML xmlns='SYNCML:SYNCML1.2'><Data>201</Data></SyncML>");
        var otherNamespace = XElement.Parse("<SyncML xmlns='SYNCML:SYNCML1.1'><Data>200</Data></SyncML>");

        Should.Throw<Xunit.Sdk.XunitException>(() => WbxmlTreeComparer.ShouldBeSameTree(changedText, a));
        Should.Throw<Xunit.Sdk.XunitException>(() => WbxmlTreeComparer.ShouldBeSameTree(otherNamespace, a));
        WbxmlTreeComparer.ShouldBeSameTree(otherNamespace, a, ignoreNamespaces: true);
    }
}
