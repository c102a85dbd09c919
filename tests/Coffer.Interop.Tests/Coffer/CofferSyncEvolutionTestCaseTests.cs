using System.Globalization;
using Coffer.Interop.Tests.Harness;
using Coffer.Storage;
using Coffer.TestData;
using HarnessDatastore = Coffer.Interop.Tests.Harness.Datastore;

namespace Coffer.Interop.Tests.Coffer;

/// <summary>
/// SyncEvolution's own test data (the items its client test suite syncs: odd characters, long folded lines,
/// recurrences with detached instances, time zones, photos, umlauts) backed up from phone A with a slow sync and
/// restored into an empty phone B with refresh-from-server: every item arrives, and arrives unchanged.
/// </summary>
/// <remarks>
/// What "unchanged" can mean is set by the client, not the server: SyncEvolution's Synthesis engine renders A's files
/// into its own representation before they reach any server (it rebuilds VTIMEZONEs from its time zone database and
/// renames TZIDs, drops vCard LABEL and X-EVOLUTION-UI-SLOT, rewrites BDAY, adds DESCRIPTION = SUMMARY to events).
/// The recording proxy shows exactly what A sent, so the test checks (1) Coffer is transparent: B received exactly
/// the items A sent; (2) B stored exactly those items. The only exception is the client's own: when storing an event
/// whose DESCRIPTION equals its SUMMARY, it leaves the DESCRIPTION out (it added that copy when sending).
/// </remarks>
[Trait("Category", "Interop")]
public sealed class CofferSyncEvolutionTestCaseTests(CofferServerFixture fixture) : IClassFixture<CofferServerFixture>
{
    private const string Password = "testcases";

    public static TheoryData<HarnessDatastore> Datastores => [HarnessDatastore.Contacts, HarnessDatastore.Calendar, HarnessDatastore.Todo, HarnessDatastore.Memo];

    [Theory]
    [MemberData(nameof(Datastores))]
    public async Task TestCases_SlowSyncFromA_RefreshFromServerIntoEmptyB_RestoreEqual(HarnessDatastore datastore)
    {
        var items = Items(datastore);
        var user = await fixture.NewUserAsync("cases", Password);
        using var env = SyncEvolutionEnvironment.Create("testcases");
        await using var proxy = FaultProxy.Start(new Uri(new Uri(fixture.Server.SyncUrl), "/"));
        var a = await Phone.CreateAsync(env, "pa", proxy.UrlFor("sync"), user, Password);
        var b = await Phone.CreateAsync(env, "pb", proxy.UrlFor("sync"), user, Password);
        for (var i = 0; i < items.Count; i++)
        {
            a.WriteItem(datastore, string.Create(CultureInfo.InvariantCulture, $"case-{i + 1:D2}{datastore.FileExtension()}"), items[i]);
        }

        var backup = await a.SyncAsync(SyncMode.Slow, datastore);
        backup.Succeeded.ShouldBeTrue(backup + "\n" + fixture.Server.Log);
        var up = backup[datastore];
        (up.RemoteAdded, up.RemoteUpdated, up.RemoteDeleted, up.RemoteErrors).ShouldBe((items.Count, 0, 0, 0), backup.ToString());
        (up.LocalAdded, up.LocalUpdated, up.LocalDeleted).ShouldBe((0, 0, 0), backup.ToString());
        (await fixture.Server.CountLiveAsync(user, KindOf(datastore))).ShouldBe(items.Count);
        var sent = WireItems.Of(proxy.Exchanges, fromClient: true);
        sent.Count.ShouldBe(items.Count);
        a.CountItems(datastore).ShouldBe(items.Count);

        var afterBackup = proxy.Exchanges.Count;
        var restore = await b.SyncAsync(SyncMode.RefreshFromServer, datastore);
        restore.Succeeded.ShouldBeTrue(restore + "\n" + fixture.Server.Log);
        var down = restore[datastore];
        (down.LocalAdded, down.LocalUpdated, down.LocalDeleted, down.LocalErrors).ShouldBe((items.Count, 0, 0, 0), restore.ToString());
        (down.RemoteAdded, down.RemoteUpdated, down.RemoteDeleted).ShouldBe((0, 0, 0), restore.ToString());
        b.CountItems(datastore).ShouldBe(items.Count);
        var received = WireItems.Of(proxy.Exchanges.Skip(afterBackup), fromClient: false);

        if (datastore == HarnessDatastore.Memo)
        {
            // text/plain memos have no properties to normalize: equal texts (line ends aside).
            Texts(received).ShouldBe(Texts(sent), "Coffer returns the memos it was sent");
            Texts(b.ReadItems(datastore).Values).ShouldBe(Texts(a.ReadItems(datastore).Values), "B holds A's memos");
            return;
        }

        PimItemComparison.NormalizeAll(received).ShouldBe(PimItemComparison.NormalizeAll(sent), "Coffer returns the items it was sent");
        PimItemComparison.NormalizeFolder(b.FolderOf(datastore))
            .ShouldBe(PimItemComparison.NormalizeAll(sent).Select(ClientStoreRule).Order(StringComparer.Ordinal).ToList(), "B holds the items A sent");
    }

    private static IReadOnlyList<string> Texts(IEnumerable<string> memos) =>
        memos.Select(t => t.ReplaceLineEndings("\n").TrimEnd('\n')).Order(StringComparer.Ordinal).ToList();

    /// <summary>The client's one rule on storing (see remarks): a DESCRIPTION equal to the SUMMARY is not stored.</summary>
    private static string ClientStoreRule(string normalized)
    {
        var lines = normalized.Split('\n');
        var summaries = lines.Where(l => l.StartsWith("SUMMARY:", StringComparison.Ordinal)).Select(l => l["SUMMARY:".Length..]).ToHashSet(StringComparer.Ordinal);
        return string.Join('\n', lines.Where(l => !(l.StartsWith("DESCRIPTION:", StringComparison.Ordinal) && summaries.Contains(l["DESCRIPTION:".Length..]))));
    }

    private static IReadOnlyList<string> Items(HarnessDatastore datastore)
    {
        string Read(string file) => File.ReadAllText(TestDataPaths.Path("syncevolution-testcases", file));
        var items = datastore switch
        {
            HarnessDatastore.Contacts => TestCaseItems.Split(Read("eds_contact.vcf"), "VCARD"),
            HarnessDatastore.Calendar => TestCaseItems.Split(Read("eds_event.ics"), "VCALENDAR"),
            HarnessDatastore.Todo => TestCaseItems.Split(Read("eds_task.ics"), "VCALENDAR"),
            HarnessDatastore.Memo => TestCaseItems.Split(Read("eds_memo.ics"), "VCALENDAR").Select(TestCaseItems.MemoText).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(datastore)),
        };
        items.Count.ShouldBeGreaterThan(0);
        return items;
    }

    private static DatastoreKind KindOf(HarnessDatastore datastore) => datastore switch
    {
        HarnessDatastore.Contacts => DatastoreKind.Contacts,
        HarnessDatastore.Calendar => DatastoreKind.Events,
        HarnessDatastore.Todo => DatastoreKind.Tasks,
        _ => DatastoreKind.Notes,
    };
}
