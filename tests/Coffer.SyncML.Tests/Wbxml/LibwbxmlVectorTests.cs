using Coffer.SyncML.Wbxml;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Wbxml;

/// <summary>
/// libwbxml's SyncML test messages against the libwbxml tools as an independent oracle: what we encode,
/// wbxml2xml must read back as the original; what xml2wbxml encodes, we must read back as the original.
/// </summary>
public sealed class LibwbxmlVectorTests
{
    public static TheoryData<string> Messages => TestDataPaths.Theory(WbxmlVectors.LibwbxmlFolder, "*.xml");

    [Theory]
    [MemberData(nameof(Messages))]
    public void OurWbxml_ReadByWbxml2xml_IsTheOriginal(string file)
    {
        var original = WbxmlVectors.LoadXml(TestDataPaths.Path(file));

        var wbxml = WbxmlEncoder.Encode(original);

        // wbxml2xml turns the "+wbxml" DevInf type we write back into "+xml", so no allowance is needed.
        var read = Libwbxml.Wbxml2Xml(wbxml);
        WbxmlTreeComparer.ShouldBeSameTree(read.Root!, original.Root!, ignoreNamespaces: true);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void OurWbxmlWithStringTableV13_ReadByWbxml2xml_IsTheOriginal(string file)
    {
        var original = WbxmlVectors.LoadXml(TestDataPaths.Path(file));

        var wbxml = WbxmlEncoder.Encode(original, new WbxmlEncodeOptions { UseStringTable = true, Version = WbxmlVersion.V1_3, StringPublicId = true });

        wbxml[0].ShouldBe((byte)0x03);
        var read = Libwbxml.Wbxml2Xml(wbxml);
        WbxmlTreeComparer.ShouldBeSameTree(read.Root!, original.Root!, ignoreNamespaces: true);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Xml2wbxmlOutput_DecodedByUs_IsTheOriginal(string file)
    {
        var path = TestDataPaths.Path(file);
        var original = WbxmlVectors.LoadXml(path);

        // Default xml2wbxml: WBXML 1.3 with a string table (STR_T, words split into several strings).
        var decoded = WbxmlDecoder.Decode(Libwbxml.Xml2Wbxml(path), new WbxmlOptions { Strict = true });

        WbxmlTreeComparer.ShouldBeSameTree(decoded.Root!, original.Root!, ignoreNamespaces: true, devInfTypeAsXml: true);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Xml2wbxmlOutputWithoutStringTable_DecodedByUs_IsTheOriginal(string file)
    {
        var path = TestDataPaths.Path(file);
        var original = WbxmlVectors.LoadXml(path);

        var decoded = WbxmlDecoder.Decode(Libwbxml.Xml2Wbxml(path, "-n", "-v", "1.1"));

        WbxmlTreeComparer.ShouldBeSameTree(decoded.Root!, original.Root!, ignoreNamespaces: true, devInfTypeAsXml: true);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Xml2wbxmlOutput_DecodedByUs_HasTheNamespacesWbxml2xmlGives(string file)
    {
        var wbxml = Libwbxml.Xml2Wbxml(TestDataPaths.Path(file));

        var ours = WbxmlDecoder.Decode(wbxml);
        var theirs = Libwbxml.Wbxml2Xml(wbxml);

        // Full names: SyncML elements in SYNCML:SYNCML1.1, Meta children in syncml:metinf, DevInf in syncml:devinf.
        WbxmlTreeComparer.ShouldBeSameTree(ours.Root!, theirs.Root!, devInfTypeAsXml: true);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void EncodeThenDecode_GivesTheOriginalTree(string file)
    {
        var original = WbxmlVectors.LoadXml(TestDataPaths.Path(file));

        var exact = WbxmlDecoder.Decode(WbxmlEncoder.Encode(original, new WbxmlEncodeOptions { RewriteDevInfMetaType = false }));
        var withTable = WbxmlDecoder.Decode(WbxmlEncoder.Encode(original, new WbxmlEncodeOptions { UseStringTable = true }));

        WbxmlTreeComparer.ShouldBeSameTree(exact.Root!, original.Root!, ignoreNamespaces: true);
        WbxmlTreeComparer.ShouldBeSameTree(withTable.Root!, original.Root!, ignoreNamespaces: true, devInfTypeAsXml: true);
    }
}
