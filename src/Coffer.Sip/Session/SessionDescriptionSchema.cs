using System.Xml;
using System.Xml.Schema;

namespace Coffer.Sip.Session;

/// <summary>The XML schema of docs/peer-session.xsd, embedded in the assembly.</summary>
public static class SessionDescriptionSchema
{
    public const string Namespace = "urn:coffer:peer-session:1";

    private static readonly Lazy<XmlSchemaSet> Set = new(Load);

    public static XmlSchemaSet Schemas => Set.Value;

    private static XmlSchemaSet Load()
    {
        using var stream = typeof(SessionDescriptionSchema).Assembly
            .GetManifestResourceStream("Coffer.Sip.Session.peer-session.xsd")
            ?? throw new InvalidOperationException("the peer-session schema is not embedded");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(Namespace, reader);
        set.Compile();
        return set;
    }
}
