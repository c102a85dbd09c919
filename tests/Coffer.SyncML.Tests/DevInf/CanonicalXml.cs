using System.Text;
using System.Xml.Linq;

namespace Coffer.SyncML.Tests.DevInf;

/// <summary>
/// A namespace-free, whitespace-trimmed rendering of a DevInf tree for "same meaning" comparisons.
/// Siblings are stably sorted by name (DTD order carries no meaning; the order of equal-named siblings,
/// e.g. ValEnum, does), except in a flat DevInf 1.1 CTCap where position is what binds a ValEnum to its
/// PropName.
/// </summary>
internal static class CanonicalXml
{
    public static string Render(XElement element)
    {
        var sb = new StringBuilder();
        Render(element, sb, 0);
        return sb.ToString();
    }

    private static void Render(XElement e, StringBuilder sb, int depth)
    {
        sb.Append(' ', depth * 2).Append(e.Name.LocalName);
        if (!e.HasElements)
        {
            sb.Append(" = \"").Append(e.Value.Trim()).Append('"');
        }

        sb.Append('\n');
        IEnumerable<XElement> children = e.Elements();
        var flatCTCap = e.Name.LocalName == "CTCap" && e.Elements().Any(c => c.Name.LocalName == "PropName");
        if (!flatCTCap)
        {
            children = children.OrderBy(c => c.Name.LocalName, StringComparer.Ordinal);
        }

        foreach (var c in children)
        {
            Render(c, sb, depth + 1);
        }
    }
}
