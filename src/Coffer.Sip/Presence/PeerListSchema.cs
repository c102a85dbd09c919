using System.Xml;
using System.Xml.Schema;

namespace Coffer.Sip.Presence;

/// <summary>The XML schema of docs/peer-list.xsd, embedded in the assembly.</summary>
public static class PeerListSchema
{
    private static readonly Lazy<XmlSchemaSet> Set = new(Load);

    public static XmlSchemaSet Schemas => Set.Value;

    private static XmlSchemaSet Load()
    {
        using var stream = typeof(PeerListSchema).Assembly.GetManifestResourceStream("Coffer.Sip.Presence.peer-list.xsd")
            ?? throw new InvalidOperationException("the peer-list schema is not embedded");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(PeerListEvent.Namespace, reader);
        set.Compile();
        return set;
    }
}
