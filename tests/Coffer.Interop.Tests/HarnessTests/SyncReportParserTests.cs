using Coffer.Interop.Tests.Harness;
using Coffer.TestData;

namespace Coffer.Interop.Tests.HarnessTests;

/// <summary>The parser on the status.ini files SyncEvolution wrote for the captured WBXML sessions (testdata README).</summary>
public sealed class SyncReportParserTests
{
    private static string StatusIni(string session) => File.ReadAllText(TestDataPaths.Path(
        "syncevolution-captures", "session-wbxml", "client-engine-xml-translation", session, "status.ini"));

    [Fact]
    public void FirstSlowSyncOfSixDatastores_ReadsEveryDatastoreAndItsUploads()
    {
        // Session a: first `--sync slow` of 3 vCards, 2 vCard 2.1, 1 event, 1 vCal event, 1 task, 1 note.
        var report = SyncReportParser.ParseStatusIni(StatusIni("tvw@tvw-2026-11-21-21-56-a"));

        report.Status.ShouldBe(200);
        report.Start.ShouldBe(DateTimeOffset.Parse("2026-11-21T21:56:20Z", System.Globalization.CultureInfo.InvariantCulture));
        report.End.ShouldBe(DateTimeOffset.Parse("2026-11-21T21:56:25Z", System.Globalization.CultureInfo.InvariantCulture));
        report.Datastores.Keys.Order().ShouldBe(["calendar", "contacts", "contacts21", "memo", "todo", "vcal"]);
        report.Datastores.Values.ShouldAllBe(d => d.Mode == "slow" && d.First && !d.Resume && d.Status == 0);
        report[Datastore.Contacts].RemoteAdded.ShouldBe(3);
        report[Datastore.Contacts21].RemoteAdded.ShouldBe(2);
        report[Datastore.Calendar].RemoteAdded.ShouldBe(1);
        report[Datastore.Vcal].RemoteAdded.ShouldBe(1);
        report[Datastore.Todo].RemoteAdded.ShouldBe(1);
        report[Datastore.Memo].RemoteAdded.ShouldBe(1);
        report[Datastore.Contacts].BytesSent.ShouldBe(678);
        report.Datastores.Values.ShouldAllBe(d => d.LocalAdded == 0 && d.RemoteUpdated == 0 && d.RemoteErrors == 0);
    }

    [Fact]
    public void TwoWaySyncWithOneModifiedContact_ReadsOneRemoteUpdateOnly()
    {
        var report = SyncReportParser.ParseStatusIni(StatusIni("tvw@tvw-2026-11-21-21-56-b"));

        report.Status.ShouldBe(200);
        report.Datastores.Values.ShouldAllBe(d => d.Mode == "two-way" && !d.First);
        report[Datastore.Contacts].RemoteUpdated.ShouldBe(1);
        report[Datastore.Contacts].Stats["remote-updated-total"].ShouldBe(1);
        report.Datastores.Values.Sum(d => d.RemoteAdded + d.RemoteUpdated + d.RemoteDeleted + d.LocalAdded + d.LocalUpdated + d.LocalDeleted).ShouldBe(1);
    }

    [Fact]
    public void DatastoreNamesWithDashes_AreSplitAtTheKnownKeys()
    {
        var report = SyncReportParser.ParseStatusIni("status = 20006\nsource-my-cards-mode = two-way\nsource-my-cards-status = 20006\nsource-my-cards-stat-local-removed-total = 4\nsource-my-cards-stat-remote-added-reject = 2\n");

        report.Status.ShouldBe(20006);
        var d = report.Datastores.ShouldHaveSingleItem().Value;
        d.Name.ShouldBe("my-cards");
        d.Status.ShouldBe(20006);
        d.LocalDeleted.ShouldBe(4);
        d.RemoteErrors.ShouldBe(2);
    }

    [Fact]
    public void LogErrorSpans_AreExtractedWithoutMarkup()
    {
        const string Html = "<li><span class=\"error\">WARNING: RECEIVED NON-OK STATUS 401 for <a name=\"SO_1_0\" href=\"#IO_1_0\">command 'SyncHdr'</a> (outgoing MsgID=1, CmdID=0)</span></li>\n" +
                            "<li><span class=\"error\">Authentication failed (status=401) with remote server</span></li><span class=\"hot\">ok</span>";

        SyncReportParser.ParseLogErrors(Html).ShouldBe([
            "WARNING: RECEIVED NON-OK STATUS 401 for command 'SyncHdr' (outgoing MsgID=1, CmdID=0)",
            "Authentication failed (status=401) with remote server",
        ]);
    }
}
