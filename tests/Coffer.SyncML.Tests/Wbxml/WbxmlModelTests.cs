using System.Xml.Linq;
using Coffer.SyncML.Wbxml;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Wbxml;

/// <summary>
/// The decoded WBXML and the client engine's XML dump of the same message, read by the SyncML codec: the two
/// models must be the same message (written back out, they give the same XML).
/// </summary>
public sealed class WbxmlModelTests
{
    public static TheoryData<string> SessionMessages => TestDataPaths.Theory(WbxmlVectors.SessionFolder, "*.wbxml");

    [Theory]
    [MemberData(nameof(SessionMessages))]
    public void DecodedMessage_ReadsAsTheSameModelAsTheClientDump(string file)
    {
        var decoded = WbxmlDecoder.Decode(File.ReadAllBytes(TestDataPaths.Path(file)));
        var dump = XDocument.Load(WbxmlVectors.ClientDumpOf(file, decoded.Root!));

        var fromWbxml = SyncMLXml.Read(decoded);
        var fromXml = SyncMLXml.Read(dump);

        fromWbxml.Body.Commands.ShouldNotBeEmpty();
        SyncMLXml.ToXmlString(fromWbxml, indent: true).ShouldBe(SyncMLXml.ToXmlString(fromXml, indent: true));
    }

    [Theory]
    [MemberData(nameof(SessionMessages))]
    public void ModelWrittenBack_EncodesToTheWireBytes(string file)
    {
        var wire = File.ReadAllBytes(TestDataPaths.Path(file));
        var model = SyncMLXml.Read(WbxmlDecoder.Decode(wire));

        // The SyncML writer's tree, not the decoder's, is what the server will encode.
        var reencoded = WbxmlEncoder.Encode(SyncMLXml.ToXDocument(model));

        WbxmlTreeComparer.ShouldBeSameTree(WbxmlDecoder.Decode(reencoded).Root!, WbxmlDecoder.Decode(wire).Root!);
    }
}
