using Coffer.Sync.Content;
using Coffer.SyncML;
using Coffer.SyncML.DevInf;
using Coffer.TestData;

namespace Coffer.Sync.Tests;

/// <summary>
/// With SyncEvolution's real DevInf (captured Put in session-xml/001): an item rendered trimmed to its CTCap and sent
/// back unchanged must change nothing on the server and need no update (no ping-pong, no loss).
/// </summary>
public class SyncEvolutionCapsTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "eds_contact.vcf", "./contacts", "text/vcard" },
        { "eds_contact.vcf", "./contacts21", "text/x-vcard" },
        { "eds_event.ics", "./calendar", "text/calendar" },
        { "google_event.ics", "./calendar", "text/calendar" },
        { "eds_task.ics", "./todo", "text/calendar" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_item_sent_back_unchanged_by_syncevolution_changes_nothing(string file, string store, string type)
    {
        var caps = Caps(store, type);
        IContentHandler handler = file.EndsWith(".vcf", StringComparison.Ordinal) ? new VCardContentHandler() : new CalendarContentHandler();
        foreach (var item in TestCaseItems.Items(file))
        {
            var stored = handler.Normalize(item, null).Text;
            var onDevice = handler.Render(stored, type, null, caps).Text;
            var back = handler.Normalize(onDevice, type).Text;
            var result = handler.Merge(stored, stored, back, caps, ConflictPolicy.ClientWins);
            result.Text.ShouldBe(stored, $"{file} via {type}\n{item}");
            result.Outcome.ShouldBe(MergeOutcome.Applied);
            result.DeviceNeedsUpdate.ShouldBeFalse($"{file} via {type}\n{onDevice}");
        }
    }

    private static CTCap Caps(string store, string type)
    {
        var path = TestDataPaths.Path("syncevolution-captures", "session-xml", "001-request.body.xml");
        var message = SyncMLXml.Parse(File.ReadAllText(path));
        var put = message.Body.Commands.OfType<PutCommand>().Single();
        var info = DevInfXml.Read(put.Items.Single().Data!.ToElement());
        var ds = info.FindDataStore(store).ShouldNotBeNull($"{store} in {string.Join(", ", info.DataStores.Select(d => d.SourceRef))}");
        return info.FindCTCap(ds, type).ShouldNotBeNull();
    }
}
