using System.Text;
using System.Xml.Linq;
using Coffer.Formats.ContentLines;
using Coffer.Formats.VCard;
using Coffer.TestData;

namespace Coffer.Formats.Tests.VCard;

/// <summary>The real vCards the tests use, and independent normalizations for comparing them.</summary>
internal static class VCardVectors
{
    public static readonly string[] Files = ["eds_contact.vcf", "carddav.vcf", "qt_contact.vcf"];

    public static TheoryData<string> FileNames() => new(Files);

    public static string ReadFile(string file) => File.ReadAllText(TestDataPaths.Path("syncevolution-testcases", file));

    /// <summary>The items of a file as it separates them: each BEGIN:VCARD..END:VCARD block (blank lines between).</summary>
    public static List<string> Items(string text)
    {
        var items = new List<string>();
        var current = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("BEGIN:VCARD", StringComparison.Ordinal))
            {
                current.Clear();
            }

            current.Append(line).Append('\n');
            if (line.TrimEnd('\r') == "END:VCARD")
            {
                items.Add(current.ToString().Replace("\r\n", "\n").Replace("\n", "\r\n"));
            }
        }

        return items;
    }

    public static IEnumerable<string> AllItems() => Files.SelectMany(f => Items(ReadFile(f)));

    /// <summary>Every vCard in SyncML Data elements of the captured sessions (XDocument, as the server will see them).</summary>
    public static List<(string File, string VCard)> EmbeddedInCaptures()
    {
        var found = new List<(string, string)>();
        var files = TestDataPaths.Files("syncevolution-captures", "*request.body.xml", recursive: true)
            .Concat(TestDataPaths.Files("horde-sessions", "*.xml", recursive: true));
        foreach (var file in files)
        {
            var doc = XDocument.Load(file);
            foreach (var data in doc.Descendants().Where(e => e.Name.LocalName == "Data" && !e.HasElements))
            {
                if (data.Value.Contains("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase))
                {
                    found.Add((Path.GetRelativePath(TestDataPaths.Root, file), data.Value));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// A content-line-level fingerprint independent of the vCard model: group, name, parameters (bare values
    /// named, comma lists split, ENCODING/CHARSET dropped, case-folded, sorted), value unfolded, decoded and
    /// unescaped into components. VERSION/BEGIN/END are left out. Sorted, since property order is free.
    /// </summary>
    public static List<string> LineFingerprints(string vcard) => LineFingerprints(vcard, keepPlaceholders: true);

    /// <summary>
    /// <see cref="LineFingerprints(string)"/>; without <paramref name="keepPlaceholders"/>, lines whose value is empty or
    /// separators only are left out: the parser reads them as absent (docs/vcard.md).
    /// </summary>
    public static List<string> LineFingerprints(string vcard, bool keepPlaceholders)
    {
        var lines = ContentLineReader.Read(vcard);
        var version = lines.FirstOrDefault(l => l.Name == "VERSION")?.Value.Trim();
        var style = version == "2.1" ? EscapeStyle.Legacy : EscapeStyle.Rfc;
        var result = new List<string>();
        foreach (var l in lines)
        {
            if (l.Name is "VERSION" or "BEGIN" or "END" || (!keepPlaceholders && Placeholder.IsPlaceholder(l.Value)))
            {
                continue;
            }

            var ps = l.Parameters
                .Where(p => p.EffectiveName is not ("ENCODING" or "CHARSET"))
                .SelectMany(p => p.Values.SelectMany(v => v.Split(',')).Select(v => p.EffectiveName + "=" + v.Trim().ToLowerInvariant()))
                .Order(StringComparer.Ordinal);
            string value;
            if (l.IsBase64)
            {
                value = "bin:" + Convert.ToHexString(ContentLineValue.DecodeBinary(l));
            }
            else
            {
                var text = ContentLineValue.DecodeText(l).Replace("\r\n", "\n");
                value = string.Join("|", StructuredValue.Split(text, style).Select(c => string.Join("^", c)));
            }

            result.Add($"{l.Group?.ToLowerInvariant()}.{l.Name};{string.Join(";", ps)}:{value}");
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>A model-level fingerprint of a card: one string per property, sorted.</summary>
    public static List<string> ModelFingerprints(Coffer.Formats.VCard.VCard card, Func<VCardProperty, VCardProperty>? adjust = null)
    {
        var result = new List<string>();
        foreach (var original in card.Properties)
        {
            var p = adjust is null ? original : adjust(original.Clone());
            var ps = p.Parameters
                .SelectMany(x => x.Values.Select(v => x.EffectiveName + "=" + v.ToLowerInvariant()))
                .Distinct()
                .Order(StringComparer.Ordinal);
            var value = p.Binary is null
                ? string.Join("|", p.Values.Select(c => string.Join("^", c)))
                : "bin:" + Convert.ToHexString(p.Binary) + ":" + p.MediaType;
            result.Add($"{p.Group?.ToLowerInvariant()}.{p.Name};{string.Join(";", ps)}:{value}");
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>4.0 PREF=n and 2.1/3.0 TYPE=PREF mean the same (RFC 6350 §5.3); compare them as TYPE=PREF.</summary>
    public static VCardProperty PrefAsType(VCardProperty p)
    {
        if (p.Parameters.RemoveAll(x => x.Name == "PREF") > 0 && !p.HasType("PREF"))
        {
            p.AddParameter("TYPE", "PREF");
        }

        return p;
    }
}
