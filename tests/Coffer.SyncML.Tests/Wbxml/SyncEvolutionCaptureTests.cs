using System.Xml.Linq;
using Coffer.SyncML.Wbxml;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Wbxml;

/// <summary>
/// Real WBXML messages of SyncEvolution sessions (Synthesis engine on both sides) against the client engine's own
/// XML dumps of the same messages and against wbxml2xml's rendering of them.
/// </summary>
public sealed class SyncEvolutionCaptureTests
{
    public static TheoryData<string> AllMessages => TestDataPaths.Theory(WbxmlVectors.CapturesFolder, "*.wbxml", recursive: true);

    public static TheoryData<string> SessionMessages => TestDataPaths.Theory(WbxmlVectors.SessionFolder, "*.wbxml");

    [Theory]
    [MemberData(nameof(SessionMessages))]
    public void Decoded_IsTheClientEnginesOwnXmlDump(string file)
    {
        var decoded = WbxmlDecoder.Decode(File.ReadAllBytes(TestDataPaths.Path(file)), new WbxmlOptions { Strict = true });

        var dump = WbxmlVectors.ClientDumpOf(file, decoded.Root!);

        // No allowance: the engine's dump keeps the "+wbxml" DevInf type that is on the wire.
        WbxmlTreeComparer.ShouldBeSameTree(decoded.Root!, XDocument.Load(dump).Root!, because: Path.GetFileName(dump));
    }

    [Theory]
    [MemberData(nameof(AllMessages))]
    public void Decoded_IsWhatWbxml2xmlRecorded(string file)
    {
        var path = TestDataPaths.Path(file);
        var decoded = WbxmlDecoder.Decode(File.ReadAllBytes(path));

        var recorded = XDocument.Load(path.Replace(".body.wbxml", ".body.decoded.xml", StringComparison.Ordinal));

        // wbxml2xml rewrites the DevInf Meta Type "+wbxml" to "+xml" (captures README); nothing else may differ.
        WbxmlTreeComparer.ShouldBeSameTree(decoded.Root!, recorded.Root!, devInfTypeAsXml: true);
    }

    [Theory]
    [MemberData(nameof(AllMessages))]
    public void DecodeEncodeDecode_KeepsTheTree(string file)
    {
        var decoded = WbxmlDecoder.Decode(File.ReadAllBytes(TestDataPaths.Path(file)));

        var again = WbxmlDecoder.Decode(WbxmlEncoder.Encode(decoded));
        var againWithTable = WbxmlDecoder.Decode(WbxmlEncoder.Encode(decoded, new WbxmlEncodeOptions { UseStringTable = true, Version = WbxmlVersion.V1_3 }));

        WbxmlTreeComparer.ShouldBeSameTree(again.Root!, decoded.Root!);
        WbxmlTreeComparer.ShouldBeSameTree(againWithTable.Root!, decoded.Root!);
    }

    [Theory]
    [MemberData(nameof(AllMessages))]
    public void Reencoded_IsByteForByteTheWireMessage(string file)
    {
        var wire = File.ReadAllBytes(TestDataPaths.Path(file));
        // Header 02 A4 01 6A 00: WBXML 1.2, SyncML 1.2, UTF-8 and an empty string table, so re-encoding can reproduce them.
        wire[4].ShouldBe((byte)0);

        var reencoded = WbxmlEncoder.Encode(WbxmlDecoder.Decode(wire), new WbxmlEncodeOptions { Version = (WbxmlVersion)wire[0] });

        FirstDifference(reencoded, wire).ShouldBe(-1, $"{reencoded.Length} bytes re-encoded vs {wire.Length} on the wire");
    }

    [Theory]
    [MemberData(nameof(SessionMessages))]
    public void NestedDevInf_IsDecodedIntoTheData(string file)
    {
        var decoded = WbxmlDecoder.Decode(File.ReadAllBytes(TestDataPaths.Path(file)));

        // Every message that carries DevInf carries it as an OPAQUE WBXML document inside Put/Results Item Data.
        foreach (var devInf in decoded.Descendants(WbxmlNamespaces.DevInf + "DevInf"))
        {
            devInf.Parent!.Name.ShouldBe(WbxmlNamespaces.SyncML12 + "Data");
            devInf.Element(WbxmlNamespaces.DevInf + "VerDTD")!.Value.ShouldBe("1.2");
            devInf.Descendants(WbxmlNamespaces.DevInf + "DataStore").ShouldNotBeEmpty();
        }
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return a.Length == b.Length ? -1 : n;
    }
}
