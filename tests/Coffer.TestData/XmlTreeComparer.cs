using System.Text;
using System.Xml.Linq;
using Xunit;

namespace Coffer.TestData;

/// <summary>
/// Compares two XML trees by meaning, for round-trip tests of the SyncML, DevInf and WBXML codecs.
/// Canonical form: namespaces lower-cased and then passed, with the element's local name, through an optional
/// map (e.g. "" -> the SyncML namespace a DOCTYPE implied), namespace declarations dropped, other attributes sorted, comments and
/// processing instructions dropped, each element's direct text concatenated (CDATA is text) and trimmed.
/// Child order is significant, except inside elements for which the optional predicate says order carries no
/// meaning: their children are stably sorted by name (so repeated elements keep their relative order).
/// </summary>
public sealed class XmlTreeComparer
{
    private readonly Func<string, string, string> namespaceMap;
    private readonly Func<XName, bool> unorderedChildren;

    /// <param name="namespaceMap">(lower-cased namespace, local name) -> canonical namespace.</param>
    /// <param name="unorderedChildren">Canonical element name -> whether the order of its children is insignificant.</param>
    public XmlTreeComparer(Func<string, string, string>? namespaceMap = null, Func<XName, bool>? unorderedChildren = null)
    {
        this.namespaceMap = namespaceMap ?? ((ns, _) => ns);
        this.unorderedChildren = unorderedChildren ?? (_ => false);
    }

    public static XmlTreeComparer Default { get; } = new();

    /// <summary>The canonical copy of <paramref name="element"/>.</summary>
    public XElement Canonicalize(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var copy = new XElement(XName.Get(element.Name.LocalName, MapNamespace(element.Name.NamespaceName, element.Name.LocalName)));
        foreach (var a in element.Attributes().Where(a => !a.IsNamespaceDeclaration).OrderBy(a => a.Name.ToString(), StringComparer.Ordinal))
        {
            copy.Add(new XAttribute(XName.Get(a.Name.LocalName, a.Name.NamespaceName.ToLowerInvariant()), a.Value));
        }

        var text = DirectText(element);
        if (text.Length > 0)
        {
            copy.Add(text);
        }

        var children = element.Elements().Select(Canonicalize);
        if (unorderedChildren(copy.Name))
        {
            children = children.OrderBy(c => c.Name.ToString(), StringComparer.Ordinal);
        }

        copy.Add(children.ToList());
        return copy;
    }

    /// <summary>Null when both trees mean the same; otherwise where and how they first differ.</summary>
    public string? FindDifference(XElement expected, XElement actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        return Diff(Canonicalize(expected), Canonicalize(actual), "/" + expected.Name.LocalName);
    }

    /// <summary>Fails the test with the first difference and both canonical trees.</summary>
    public void AssertEquivalent(XElement expected, XElement actual, string? context = null)
    {
        var difference = FindDifference(expected, actual);
        if (difference != null)
        {
            Assert.Fail(
                $"{context}{(context == null ? string.Empty : ": ")}XML trees differ at {difference}\n--- expected (canonical)\n{Canonicalize(expected)}\n--- actual (canonical)\n{Canonicalize(actual)}");
        }
    }

    private static string DirectText(XElement element)
    {
        var sb = new StringBuilder();
        foreach (var t in element.Nodes().OfType<XText>())
        {
            sb.Append(t.Value);
        }

        return sb.ToString().Trim();
    }

    private string MapNamespace(string ns, string localName) => namespaceMap(ns.ToLowerInvariant(), localName);

    private static string? Diff(XElement a, XElement b, string path)
    {
        if (a.Name != b.Name)
        {
            return $"{path}: element {a.Name} vs {b.Name}";
        }

        var attrsA = string.Join(" ", a.Attributes().Select(x => x.ToString()));
        var attrsB = string.Join(" ", b.Attributes().Select(x => x.ToString()));
        if (attrsA != attrsB)
        {
            return $"{path}: attributes [{attrsA}] vs [{attrsB}]";
        }

        var textA = DirectText(a);
        var textB = DirectText(b);
        if (textA != textB)
        {
            return $"{path}: text '{Shorten(textA)}' vs '{Shorten(textB)}'";
        }

        var childrenA = a.Elements().ToList();
        var childrenB = b.Elements().ToList();
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < Math.Min(childrenA.Count, childrenB.Count); i++)
        {
            var local = childrenA[i].Name.LocalName;
            counts[local] = counts.GetValueOrDefault(local) + 1;
            var d = Diff(childrenA[i], childrenB[i], $"{path}/{local}[{counts[local]}]");
            if (d != null)
            {
                return d;
            }
        }

        if (childrenA.Count != childrenB.Count)
        {
            var extra = childrenA.Count > childrenB.Count ? childrenA[childrenB.Count] : childrenB[childrenA.Count];
            return $"{path}: {childrenA.Count} vs {childrenB.Count} child elements (first unmatched: {extra.Name.LocalName})";
        }

        return null;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
