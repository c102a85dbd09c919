using System.Xml;
using System.Xml.Linq;

namespace Coffer.SyncML.DevInf;

/// <summary>
/// DevInf ⇄ <see cref="XElement"/> (namespace <c>syncml:devinf</c>) for DevInf 1.0, 1.1 and 1.2.
/// Reading matches elements by local name only, so DevInf inherited into a SyncML namespace, or sent with
/// none, is read too. Errors are <see cref="SyncMLFormatException"/>.
/// </summary>
public static class DevInfXml
{
    /// <summary>The DevInf namespace (OMA-TS-DS_DevInf-V1_2 §6: DTD public identifier, namespace "syncml:devinf").</summary>
    public static readonly XNamespace Namespace = "syncml:devinf";

    /// <summary>Media types of DevInf in a Put/Results item (OMA-TS-DS_DevInf-V1_2 §4).</summary>
    public const string XmlMediaType = "application/vnd.syncml-devinf+xml";

    public const string WbxmlMediaType = "application/vnd.syncml-devinf+wbxml";

    /// <summary>
    /// Reads a <c>DevInf</c> element. Loose mode (default) accepts what real devices send: missing VerDTD,
    /// elements out of DTD order, a DevInf-level SyncCap, unknown elements (ignored), bad numbers (dropped).
    /// Strict mode rejects those.
    /// </summary>
    public static DeviceInfo Read(XElement devInfElement, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(devInfElement);
        return new DevInfReader(strict).ReadDevInf(devInfElement);
    }

    /// <summary>
    /// Writes <paramref name="info"/> in the layout of <paramref name="version"/>: 1.0/1.1 as one flat
    /// DevInf-level CTCap (DevInf 1.1 DTD), 1.2 with structured CTCaps where the model has them.
    /// <c>VerDTD</c> is taken from <paramref name="version"/>, not from <see cref="DeviceInfo.VerDTD"/>.
    /// </summary>
    public static XElement Write(DeviceInfo info, DevInfVersion version)
    {
        ArgumentNullException.ThrowIfNull(info);
        return DevInfWriter.Write(info, version);
    }

    /// <summary>
    /// Parses DevInf given as text (e.g. escaped inside an Item's Data). DTDs are prohibited and no resolver
    /// is used, so entity expansion and external fetches are impossible.
    /// </summary>
    public static DeviceInfo Parse(string xml, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new SyncMLFormatException("DevInf is not well-formed XML: " + ex.Message, ex) { Position = ex.LineNumber };
        }

        return Read(doc.Root ?? throw new SyncMLFormatException("DevInf document has no root element"), strict);
    }

    /// <summary>
    /// The DevInf carried by a Put/Results <c>Data</c> element: either a nested <c>DevInf</c> element or
    /// DevInf as (escaped or CDATA) text.
    /// </summary>
    public static DeviceInfo ReadItemData(XElement dataElement, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(dataElement);
        var nested = dataElement.Elements().FirstOrDefault(e => e.Name.LocalName == "DevInf");
        if (nested != null)
        {
            return Read(nested, strict);
        }

        var text = dataElement.Value;
        if (text.Contains("<DevInf", StringComparison.Ordinal))
        {
            return Parse(text.Trim(), strict);
        }

        throw new SyncMLFormatException("Item Data holds no DevInf");
    }
}
