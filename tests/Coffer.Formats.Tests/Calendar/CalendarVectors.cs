using System.Text.RegularExpressions;
using System.Xml.Linq;
using Coffer.TestData;

namespace Coffer.Formats.Tests.Calendar;

/// <summary>The real calendar items in ../shared/testdata.</summary>
internal static partial class CalendarVectors
{
    public static readonly string[] IcsFiles =
        ["eds_event.ics", "eds_event-alarms-2010-12-31.ics", "eds_task.ics", "eds_memo.ics", "google_event.ics"];

    /// <summary>
    /// SyncEvolution's testcase files hold one VCALENDAR per item, items separated by an empty line
    /// (folded continuation lines start with a space, so they are never empty).
    /// </summary>
    public static List<string> IcsItems(string file)
    {
        var text = File.ReadAllText(TestDataPaths.Path("syncevolution-testcases", file)).Replace("\r\n", "\n", StringComparison.Ordinal);
        return [.. BlankLines().Split(text).Select(s => s.Trim('\n')).Where(s => s.Length > 0)];
    }

    public static TheoryData<string, int> IcsItemRows()
    {
        var rows = new TheoryData<string, int>();
        foreach (var f in IcsFiles)
        {
            var n = IcsItems(f).Count;
            for (var i = 0; i < n; i++)
            {
                rows.Add(f, i);
            }
        }

        return rows;
    }

    /// <summary>Every SyncML Data element holding a VCALENDAR in the recorded sessions (Horde, SyncEvolution).</summary>
    public static List<(string Source, string Text)> SyncMLItems() => SyncMLCache.Value;

    private static readonly Lazy<List<(string Source, string Text)>> SyncMLCache = new(LoadSyncMLItems);

    private static List<(string Source, string Text)> LoadSyncMLItems()
    {
        var files = TestDataPaths.Files("horde-sessions", "*.xml", recursive: true)
            .Concat(TestDataPaths.Files("syncevolution-captures", "*request.body.xml", recursive: true));
        var items = new List<(string, string)>();
        foreach (var f in files)
        {
            XDocument doc;
            try
            {
                doc = XDocument.Load(f);
            }
            catch (System.Xml.XmlException)
            {
                continue;
            }

            var n = 0;
            foreach (var data in doc.Descendants().Where(e => e.Name.LocalName == "Data" && !e.HasElements && e.Value.Contains("BEGIN:VCALENDAR", StringComparison.Ordinal)))
            {
                items.Add(($"{Path.GetRelativePath(TestDataPaths.Root, f)}#{n++}", data.Value));
            }
        }

        return items;
    }

    public static TheoryData<string> SyncMLVCal10Rows()
    {
        var rows = new TheoryData<string>();
        foreach (var (source, text) in SyncMLItems())
        {
            if (text.Contains("VERSION:1.0", StringComparison.Ordinal))
            {
                rows.Add(source);
            }
        }

        return rows;
    }

    public static string SyncMLItem(string source) => SyncMLItems().Single(i => i.Source == source).Text;

    [GeneratedRegex("\n[ \t]*\n")]
    private static partial Regex BlankLines();
}
