using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Coffer.Sip.Location;

namespace Coffer.Sip.Presence;

/// <summary>Writes and reads the peer list body; reading validates against docs/peer-list.xsd.</summary>
public static class PeerListXml
{
    private static readonly XNamespace Ns = PeerListEvent.Namespace;

    public static byte[] Write(string user, IEnumerable<SipBinding> bindings)
    {
        var root = new XElement(Ns + "peerList", new XAttribute("user", user),
            bindings.Select(b => new XElement(Ns + "device",
                new XAttribute("id", b.Device),
                new XAttribute("contact", b.Contact),
                new XAttribute("address", b.Received),
                new XAttribute("expires", XmlConvert.ToString(b.ExpiresAt.ToUniversalTime().UtcDateTime, XmlDateTimeSerializationMode.Utc)))));
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            root.WriteTo(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads a body; anything not well-formed or not valid against the schema is refused.</summary>
    public static PeerList Parse(ReadOnlySpan<byte> body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = ValidationType.Schema,
            Schemas = PeerListSchema.Schemas,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
            MaxCharactersInDocument = 1024 * 1024,
        };
        XElement root;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body.ToArray()), settings);
            root = XElement.Load(reader);
        }
        catch (XmlSchemaValidationException e)
        {
            throw new PeerListException($"not a valid peer list (line {e.LineNumber}, position {e.LinePosition}): {e.Message}", e);
        }
        catch (XmlException e)
        {
            throw new PeerListException($"not well-formed XML: {e.Message}", e);
        }
        // A root the schema does not declare passes validation with a warning only.
        if (root.Name != Ns + "peerList")
        {
            throw new PeerListException($"the root element is {root.Name}, not {{{PeerListEvent.Namespace}}}peerList");
        }
        return new PeerList((string)root.Attribute("user")!, root.Elements(Ns + "device")
            .Select(d => new PeerListDevice((string)d.Attribute("id")!, (string)d.Attribute("contact")!, (string)d.Attribute("address")!,
                new DateTimeOffset(XmlConvert.ToDateTime((string)d.Attribute("expires")!, XmlDateTimeSerializationMode.Utc))))
            .ToList());
    }
}
