using System.Xml.Linq;
using Coffer.SyncML;
using Coffer.SyncML.Wbxml;

namespace Coffer.Cli.Inspection;

/// <summary>
/// What <c>coffer syncml decode</c> shows: the tree exactly as encoded, never rewritten or completed. What the
/// server would make of it is reported as warnings, so a message the server refuses can still be read.
/// </summary>
internal static class SyncMLInspector
{
    /// <summary>Decodes XML or WBXML (told apart by the first byte); throws <see cref="SyncMLFormatException"/> only when it is not well-formed.</summary>
    public static InspectedMessage Decode(byte[] bytes)
    {
        var warnings = new List<string>();
        var document = IsWbxml(bytes) ? DecodeWbxml(bytes, warnings) : SyncMLXml.LoadXDocument(bytes);
        if (document.Root?.Name.LocalName == "SyncML")
        {
            CheckAgainstModel(document, warnings);
        }

        return new InspectedMessage(document, warnings);
    }

    /// <summary>The message as Coffer's SyncML model reads it (what the server works with).</summary>
    public static XDocument ThroughModel(XDocument document) => SyncMLXml.ToXDocument(SyncMLXml.Read(document));

    /// <summary>WBXML starts with a version byte 0x01–0x03 (WAP-192-WBXML §5.4); XML with '&lt;', a BOM or white space.</summary>
    public static bool IsWbxml(byte[] bytes) => bytes.Length > 0 && bytes[0] is >= 0x01 and <= 0x03;

    private static XDocument DecodeWbxml(byte[] bytes, List<string> warnings)
    {
        try
        {
            return WbxmlDecoder.Decode(bytes, new WbxmlOptions { Strict = true });
        }
        catch (SyncMLFormatException strict)
        {
            // Loose repairs what Strict names (docs/wbxml.md), so the reader is told what was repaired.
            var document = WbxmlDecoder.Decode(bytes);
            warnings.Add($"not strictly valid WBXML, shown as read leniently: {strict.Message}");
            return document;
        }
    }

    private static void CheckAgainstModel(XDocument document, List<string> warnings)
    {
        try
        {
            // The server reads every message this way (SyncEngine), so a refusal here is a refusal there.
            SyncMLXml.Read(document);
        }
        catch (SyncMLFormatException e)
        {
            warnings.Add($"not a complete SyncML message, the server would refuse it: {e.Message}");
        }
    }
}
