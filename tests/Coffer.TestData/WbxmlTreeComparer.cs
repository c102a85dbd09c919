using System.Text;
using System.Xml.Linq;

namespace Coffer.TestData;

/// <summary>
/// Canonical form of an XML tree for comparing decoders: one line per element with its name, attributes
/// (namespace declarations left out) and its own text trimmed with CR LF read as LF, as an XML parser reads it;
/// comments, PIs, DOCTYPE and whitespace between elements do not count. Text split over several nodes (libwbxml
/// splits strings around string-table words) is joined first. Kept beside <see cref="XmlTreeComparer"/> because it
/// compares namespaces exactly (SYNCML:SYNCML1.2 is case-sensitive) and reads CR LF as LF (docs/wbxml.md).
/// </summary>
public static class WbxmlTreeComparer
{
    public const string DevInfWbxmlType = "application/vnd.syncml-devinf+wbxml";
    public const string DevInfXmlType = "application/vnd.syncml-devinf+xml";
    public const string TndsWbxmlType = "application/vnd.syncml.dmtnds+wbxml";
    public const string TndsXmlType = "application/vnd.syncml.dmtnds+xml";

    /// <param name="ignoreNamespaces">Compare local names only: libwbxml's test messages carry no xmlns.</param>
    /// <param name="devInfTypeAsXml">
    /// Read the MetInf Type "application/vnd.syncml-devinf+wbxml" as "+xml": the one difference between a WBXML
    /// message and its XML rendering by wbxml2xml (or the XML it was made from), documented in the captures' README.
    /// A DM tree's "application/vnd.syncml.dmtnds+wbxml" is read as "+xml" the same way.
    /// </param>
    public static string Canonical(XElement root, bool ignoreNamespaces = false, bool devInfTypeAsXml = false)
    {
        var sb = new StringBuilder();
        Write(root, 0, sb, ignoreNamespaces, devInfTypeAsXml);
        return sb.ToString();
    }

    public static void ShouldBeSameTree(XElement actual, XElement expected, bool ignoreNamespaces = false, bool devInfTypeAsXml = false, string? because = null)
    {
        var a = Canonical(actual, ignoreNamespaces, devInfTypeAsXml);
        var e = Canonical(expected, ignoreNamespaces, devInfTypeAsXml);
        if (a == e)
        {
            return;
        }

        var al = a.Split('\n');
        var el = e.Split('\n');
        var i = 0;
        while (i < al.Length && i < el.Length && al[i] == el[i])
        {
            i++;
        }

        var context = string.Join('\n', el.Skip(Math.Max(0, i - 3)).Take(3));
        throw new Xunit.Sdk.XunitException(
            $"{because} trees differ at canonical line {i + 1}:\n  after: {context}\n  expected: {(i < el.Length ? el[i] : "<end>")}\n  actual:   {(i < al.Length ? al[i] : "<end>")}");
    }

    private static void Write(XElement element, int depth, StringBuilder sb, bool ignoreNamespaces, bool devInfTypeAsXml)
    {
        sb.Append(' ', depth * 2);
        sb.Append(ignoreNamespaces ? element.Name.LocalName : element.Name.ToString());
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration).OrderBy(a => a.Name.ToString(), StringComparer.Ordinal))
        {
            sb.Append(' ').Append(attribute.Name).Append("=\"").Append(attribute.Value).Append('"');
        }

        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (devInfTypeAsXml && element.Name.LocalName == "Type")
        {
            text = text switch
            {
                DevInfWbxmlType => DevInfXmlType,
                TndsWbxmlType => TndsXmlType,
                _ => text,
            };
        }

        if (text.Length > 0)
        {
            sb.Append(" = ").Append(text.Replace("\n", "\\n", StringComparison.Ordinal));
        }

        sb.Append('\n');
        foreach (var child in element.Elements())
        {
            Write(child, depth + 1, sb, ignoreNamespaces, devInfTypeAsXml);
        }
    }
}
