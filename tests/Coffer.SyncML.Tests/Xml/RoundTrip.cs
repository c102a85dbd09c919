using System.Xml.Linq;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.Xml;

/// <summary>Shared round-trip checks over real vectors.</summary>
internal static class RoundTrip
{
    public static string Read(string relativePath) => File.ReadAllText(TestDataPaths.Path(relativePath));

    private static readonly HashSet<string> MetInfNames =
    [
        "MetInf", "Format", "Type", "Mark", "Size", "Anchor", "Last", "Next", "Version", "NextNonce", "MaxMsgSize",
        "MaxObjSize", "EMI", "Mem", "SharedMem", "FreeMem", "FreeID", "FieldLevel",
    ];

    private static readonly HashSet<string> OrderedContainers = ["SyncBody", "Sync", "Atomic", "Sequence", "Data"];

    /// <summary>
    /// A comparer that treats the no-namespace form (DOCTYPE-only 1.x messages) as the version's namespace, and
    /// MetInf elements sent without their namespace (Funambol/Sync4j clients) as syncml:metinf — exactly the two
    /// normalizations the writer performs. The writer also puts children in DTD order, so order is ignored
    /// except where it means something: the command lists of SyncBody, Sync, Atomic, Sequence, and anything nested
    /// in Data (DevInf keeps its order).
    /// </summary>
    public static XmlTreeComparer ComparerFor(SyncMLVersion version)
    {
        var canonical = SyncMLNamespaces.ForVersion(version).NamespaceName.ToLowerInvariant();
        return new XmlTreeComparer((ns, local) =>
        {
            var resolved = ns.Length == 0 ? canonical : ns;
            return resolved == canonical && MetInfNames.Contains(local) ? "syncml:metinf" : resolved;
        },
        name => (name.NamespaceName == canonical && !OrderedContainers.Contains(name.LocalName)) || name.NamespaceName == "syncml:metinf");
    }

    /// <summary>XML -> model -> XML keeps the meaning of every element the model knows.</summary>
    public static SyncMLMessage AssertKeepsMeaning(string xml, string context, SyncMLReadOptions? options = null)
    {
        var message = SyncMLXml.Parse(xml, options);
        var original = SyncMLXml.LoadXDocument(xml).Root!;
        var written = SyncMLXml.ToXDocument(message).Root!;
        ComparerFor(message.Version).AssertEquivalent(original, written, context);
        return message;
    }

    /// <summary>model -> XML -> model -> XML gives the same bytes: the writer's output is a fixed point.</summary>
    public static void AssertStable(SyncMLMessage message, SyncMLReadOptions? options = null)
    {
        var first = SyncMLXml.ToXmlString(message);
        var again = SyncMLXml.Parse(first, options);
        again.Version.ShouldBe(message.Version);
        SyncMLXml.ToXmlString(again).ShouldBe(first);
    }

    public static XElement Root(string xml) => SyncMLXml.LoadXDocument(xml).Root!;
}
