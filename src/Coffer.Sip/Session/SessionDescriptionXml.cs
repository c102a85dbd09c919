using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Coffer.Sip.Session;

/// <summary>Writes and reads the XML form of a session description; reading validates against the schema.</summary>
public static class SessionDescriptionXml
{
    private static readonly XNamespace Ns = SessionDescriptionSchema.Namespace;

    public static byte[] Write(SessionDescription description)
    {
        var root = new XElement(Ns + "sessionDescription",
            new XElement(Ns + "sourceIP", description.Source.Address.ToString()),
            new XElement(Ns + "sourcePort", description.Source.Port.ToString(CultureInfo.InvariantCulture)));
        if (description.Destination is { } destination)
        {
            root.Add(new XElement(Ns + "destinationIP", destination.Address.ToString()),
                new XElement(Ns + "destinationPort", destination.Port.ToString(CultureInfo.InvariantCulture)));
        }
        root.Add(new XElement(Ns + "dataType", Name(description.DataType)),
            new XElement(Ns + "syncProtocol", Name(description.Protocol)));
        if (description.Secret is { } secret)
        {
            root.Add(new XElement(Ns + "secret", secret));
        }
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            root.WriteTo(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads a body; anything that is not well-formed or not valid against the schema is refused.</summary>
    public static SessionDescription Parse(ReadOnlySpan<byte> body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = ValidationType.Schema,
            Schemas = SessionDescriptionSchema.Schemas,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
            MaxCharactersInDocument = 64 * 1024,
        };
        XElement root;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body.ToArray()), settings);
            root = XElement.Load(reader);
        }
        catch (XmlSchemaValidationException e)
        {
            throw new SessionDescriptionException($"not a valid session description (line {e.LineNumber}, position {e.LinePosition}): {e.Message}", e);
        }
        catch (XmlException e)
        {
            throw new SessionDescriptionException($"not well-formed XML: {e.Message}", e);
        }
        // A document whose root the schema does not declare passes with a warning only; it is refused here.
        if (root.Name != Ns + "sessionDescription")
        {
            throw new SessionDescriptionException($"the root element is {root.Name}, not {{{SessionDescriptionSchema.Namespace}}}sessionDescription");
        }
        var source = EndPoint(root, "sourceIP", "sourcePort")!;
        var destination = EndPoint(root, "destinationIP", "destinationPort");
        return new SessionDescription(source, DataType(Text(root, "dataType")!), Protocol(Text(root, "syncProtocol")!),
            destination, Text(root, "secret"));
    }

    public static string Name(PeerDataType type) => type.ToString().ToLowerInvariant();

    public static string Name(PeerSyncProtocol protocol) => protocol.ToString().ToLowerInvariant();

    private static PeerDataType DataType(string text) => Enum.GetValues<PeerDataType>().Single(t => Name(t) == text);

    private static PeerSyncProtocol Protocol(string text) => Enum.GetValues<PeerSyncProtocol>().Single(p => Name(p) == text);

    private static string? Text(XElement root, string name) => root.Element(Ns + name)?.Value;

    private static IPEndPoint? EndPoint(XElement root, string addressName, string portName)
    {
        if (Text(root, addressName) is not { } address)
        {
            return null;
        }
        // The schema's IPv6 pattern is loose; the address parser has the last word.
        if (!IPAddress.TryParse(address, out var ip))
        {
            throw new SessionDescriptionException($"{addressName} '{address}' is not an IP address");
        }
        return new IPEndPoint(ip, int.Parse(Text(root, portName)!, CultureInfo.InvariantCulture));
    }
}
