using System.Xml;
using System.Xml.Linq;
using Coffer.TestData;

namespace Coffer.SyncML.Tests.DevInf;

/// <summary>Every DevInf found in the real vectors: nested DevInf elements and DevInf text inside Item Data.</summary>
internal static class DevInfCorpus
{
    private static readonly (string Folder, string Pattern, bool Recursive)[] Sources =
    [
        ("libwbxml-syncml", "*.xml", false),
        ("horde-sessions", "*.xml", true),
        ("buteo", "*.txt", false),
        ("syncevolution-captures", "*.xml", true),
    ];

    /// <summary>Rows "relative/path#n" for every DevInf occurrence.</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var (folder, pattern, recursive) in Sources)
        {
            foreach (var file in TestDataPaths.Files(folder, pattern, recursive))
            {
                var count = Find(file).Count;
                for (var i = 0; i < count; i++)
                {
                    data.Add(System.IO.Path.GetRelativePath(TestDataPaths.Root, file) + "#" + i);
                }
            }
        }

        return data;
    }

    /// <summary>The DevInf element of a case: as found, or parsed from Data text.</summary>
    public static XElement Load(string testCase)
    {
        var hash = testCase.LastIndexOf('#');
        var file = TestDataPaths.Path(testCase[..hash]);
        return Find(file)[int.Parse(testCase[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture)];
    }

    public static XDocument LoadDocument(string path)
    {
        // Some libwbxml samples carry a DOCTYPE naming the SyncML DTD: ignore it (never fetched).
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(path, settings);
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }

    private static List<XElement> Find(string file)
    {
        var text = File.ReadAllText(file);
        if (!text.Contains("DevInf", StringComparison.Ordinal))
        {
            return [];
        }

        XDocument doc;
        try
        {
            doc = LoadDocument(file);
        }
        catch (XmlException)
        {
            return []; // buteo's deliberately invalid responses
        }

        var found = doc.Descendants().Where(e => e.Name.LocalName == "DevInf").ToList();
        if (doc.Root?.Name.LocalName == "DevInf")
        {
            found.Insert(0, doc.Root);
        }

        foreach (var data in doc.Descendants().Where(e => e.Name.LocalName == "Data" && !e.HasElements))
        {
            if (data.Value.Contains("<DevInf", StringComparison.Ordinal))
            {
                found.Add(XDocument.Parse(data.Value.Trim()).Root!);
            }
        }

        return found.Distinct().ToList();
    }
}
