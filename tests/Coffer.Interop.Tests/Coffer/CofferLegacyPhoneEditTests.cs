using System.Globalization;
using Coffer.Interop.Tests.Harness;
using Coffer.Storage;
using Coffer.TestData;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>
/// A phone that speaks only vCard 2.1 or vCalendar 1.0 edits one field of one item of a rich vCard 3.0 address book or
/// iCalendar 2.0 calendar: the restore onto a new phone is the original plus exactly that edit. Such a phone sends every
/// field it knows on a Replace, placeholders included (<c>GEO:,;</c>, <c>ADR;HOME:;;;;;;</c>), and can hold less than the
/// server: nothing of that may reach the other phones.
/// </summary>
/// <remarks>
/// The original is what phone A put on the wire (recorded by the proxy): SyncEvolution renders its files before sending
/// (see <see cref="CofferSyncEvolutionTestCaseTests"/>), so the wire is what Coffer was given.
/// </remarks>
[Trait("Category", "Interop")]
public sealed class CofferLegacyPhoneEditTests(CofferServerFixture fixture) : IClassFixture<CofferServerFixture>
{
    private const string Password = "legacy-phone";

    public static TheoryData<HarnessDatastore> Datastores => [HarnessDatastore.Contacts, HarnessDatastore.Calendar, HarnessDatastore.Todo];

    [Theory]
    [MemberData(nameof(Datastores))]
    public async Task LegacyPhoneEditsOneField_RestoreIsOriginalPlusTheEdit(HarnessDatastore datastore)
    {
        var edit = EditFor(datastore);
        var items = TestCaseItems.Split(File.ReadAllText(TestDataPaths.Path("syncevolution-testcases", edit.File)), edit.Component);
        var user = await fixture.NewUserAsync("legacy", Password);
        using var env = SyncEvolutionEnvironment.Create("legacy");
        await using var proxy = FaultProxy.Start(new Uri(new Uri(fixture.Server.SyncUrl), "/"));
        var legacy = edit.Datastore == HarnessDatastore.Contacts ? HarnessDatastore.Contacts21 : HarnessDatastore.Vcal;
        var a = await Phone.CreateAsync(env, "pa", proxy.UrlFor("sync"), user, Password);
        var old = await Phone.CreateAsync(env, "pold", proxy.UrlFor("sync"), user, Password, new PhoneOptions { RemoteNames = new Dictionary<HarnessDatastore, string> { [legacy] = edit.Remote } });
        var c = await Phone.CreateAsync(env, "pc", proxy.UrlFor("sync"), user, Password);
        for (var i = 0; i < items.Count; i++)
        {
            a.WriteItem(edit.Datastore, string.Create(CultureInfo.InvariantCulture, $"case-{i + 1:D2}{edit.Datastore.FileExtension()}"), items[i]);
        }

        var backup = await SyncAsync(a, SyncMode.Slow, edit.Datastore);
        backup[edit.Datastore].RemoteAdded.ShouldBe(items.Count, backup.ToString());
        var sent = WireItems.Of(proxy.Exchanges, fromClient: true);
        sent.Count.ShouldBe(items.Count);

        var toOld = await SyncAsync(old, SyncMode.RefreshFromServer, legacy);
        toOld[legacy].LocalAdded.ShouldBe(items.Count, toOld.ToString());
        var file = old.ReadItems(legacy).Single(kv => kv.Value.Contains(edit.From, StringComparison.Ordinal)).Key;
        old.EditItem(legacy, file, t => t.Replace(edit.From, edit.To, StringComparison.Ordinal));
        var afterRestore = proxy.Exchanges.Count;
        var edited = await SyncAsync(old, SyncMode.TwoWay, legacy);
        var e = edited[legacy];
        (e.RemoteAdded, e.RemoteUpdated, e.RemoteDeleted, e.RemoteErrors).ShouldBe((0, 1, 0, 0), edited.ToString());
        (e.LocalAdded, e.LocalDeleted).ShouldBe((0, 0), edited.ToString());
        var editWire = WireItems.Of(proxy.Exchanges.Skip(afterRestore), fromClient: true).ShouldHaveSingleItem();

        var beforeC = proxy.Exchanges.Count;
        var restore = await SyncAsync(c, SyncMode.RefreshFromServer, edit.Datastore);
        restore[edit.Datastore].LocalAdded.ShouldBe(items.Count, restore.ToString());
        var toC = WireItems.Of(proxy.Exchanges.Skip(beforeC), fromClient: false);
        toC.Count.ShouldBe(items.Count);
        toC.SelectMany(Placeholders).ShouldBeEmpty("properties without data sent to the restored phone");
        var expected = sent.Select(s => s.Contains(edit.From, StringComparison.Ordinal) ? s.Replace(edit.From, edit.To, StringComparison.Ordinal) : s);
        var server = await fixture.Server.LiveItemsAsync(user, KindOf(edit.Datastore));
        server.SelectMany(Placeholders).ShouldBeEmpty("properties without data stored");
        var context = $"the vCard 2.1 / vCalendar 1.0 phone sent:\n{editWire}\nthe server holds:\n{server.Single(s => s.Contains(edit.To, StringComparison.Ordinal))}";
        var want = PimItemComparison.NormalizeAll(expected).Select(ClientStoreRule).Order(StringComparer.Ordinal).ToList();
        var got = PimItemComparison.NormalizeFolder(c.FolderOf(edit.Datastore));
        got.ShouldBe(want, $"{LineDifference(want, got)}\n{context}");
    }

    /// <summary>The test case file of <paramref name="datastore"/>, its server datastore and the one-field edit the old phone makes.</summary>
    private static (HarnessDatastore Datastore, string Remote, string File, string Component, string From, string To) EditFor(HarnessDatastore datastore) => datastore switch
    {
        HarnessDatastore.Contacts => (datastore, "card", "eds_contact.vcf", "VCARD", "mobile 3", "mobile 9"),
        HarnessDatastore.Calendar => (datastore, "cal", "eds_event.ics", "VCALENDAR", "LOCATION:virtual", "LOCATION:virtual room"),
        _ => (datastore, "task", "eds_task.ics", "VCALENDAR", "test task with plenty of fields", "test task edited on a vCalendar phone"),
    };

    /// <summary>Property lines whose value is empty or separators only (<c>GEO:\,;</c>): placeholders, never data.</summary>
    private static IEnumerable<string> Placeholders(string item) =>
        item.ReplaceLineEndings("\n").Replace("\n ", string.Empty, StringComparison.Ordinal).Split('\n')
            .Where(l => l.Contains(':', StringComparison.Ordinal) && !l.StartsWith("BEGIN:", StringComparison.Ordinal) && !l.StartsWith("END:", StringComparison.Ordinal))
            .Where(l => l[(PimItemNormalizer.FindValueColon(l) + 1)..].Replace("\\,", string.Empty, StringComparison.Ordinal).All(ch => ch is ';' or ',' || char.IsWhiteSpace(ch)));

    /// <summary>The lines only one side has, for a readable failure.</summary>
    private static string LineDifference(IEnumerable<string> want, IEnumerable<string> got)
    {
        var wanted = want.SelectMany(i => i.Split('\n')).ToList();
        var have = got.SelectMany(i => i.Split('\n')).ToList();
        foreach (var line in wanted.ToList())
        {
            if (have.Remove(line))
            {
                wanted.Remove(line);
            }
        }

        return $"missing:\n  {string.Join("\n  ", wanted)}\nadded:\n  {string.Join("\n  ", have)}";
    }

    /// <summary>SyncEvolution's one rule on storing an event: a DESCRIPTION equal to the SUMMARY (which it adds when sending) is not stored.</summary>
    private static string ClientStoreRule(string normalized)
    {
        var lines = normalized.Split('\n');
        var summaries = lines.Where(l => l.StartsWith("SUMMARY:", StringComparison.Ordinal)).Select(l => l["SUMMARY:".Length..]).ToHashSet(StringComparer.Ordinal);
        return string.Join('\n', lines.Where(l => !(l.StartsWith("DESCRIPTION:", StringComparison.Ordinal) && summaries.Contains(l["DESCRIPTION:".Length..]))));
    }

    private async Task<SyncReport> SyncAsync(Phone phone, SyncMode mode, HarnessDatastore datastore)
    {
        var report = await phone.SyncAsync(mode, datastore);
        report.Succeeded.ShouldBeTrue($"{phone.Name} {mode}: {report}\nserver log:\n{fixture.Server.Log}");
        return report;
    }

    private static DatastoreKind KindOf(HarnessDatastore datastore) => datastore switch
    {
        HarnessDatastore.Contacts => DatastoreKind.Contacts,
        HarnessDatastore.Calendar => DatastoreKind.Events,
        _ => DatastoreKind.Tasks,
    };
}
