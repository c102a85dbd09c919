using System.Text.RegularExpressions;
using Coffer.Interop.Tests.Harness;

namespace Coffer.Interop.Tests.HarnessTests;

/// <summary>What a Phone puts on the wire, seen through a FaultProxy in front of nothing (first message only).</summary>
public sealed partial class PhoneTests
{
    // A phone that has never synced has no anchors, so the client escalates (OMA-TS-DS_Protocol-V1_2 §5.3
    // Alert codes; observed with Debian's syncevolution 2.0.0): two-way and one-way-from-server become slow
    // (201), one-way-from-client becomes refresh-from-client (203), and with enableRefreshSync
    // one-way-from-server becomes refresh-from-server (205). The codes for later syncs are checked against
    // the reference server in ReferenceServerSyncTests.
    [Theory]
    [InlineData(SyncMode.TwoWay, false, "201")]
    [InlineData(SyncMode.Slow, false, "201")]
    [InlineData(SyncMode.OneWayFromClient, false, "203")]
    [InlineData(SyncMode.RefreshFromClient, false, "203")]
    [InlineData(SyncMode.OneWayFromServer, false, "201")]
    [InlineData(SyncMode.RefreshFromServer, false, "201")]
    [InlineData(SyncMode.OneWayFromServer, true, "205")]
    [InlineData(SyncMode.RefreshFromServer, true, "205")]
    public async Task FirstSyncInEachMode_SendsTheAlertCodeOfAPhoneWithoutAnchors(SyncMode mode, bool enableRefreshSync, string alert)
    {
        await using var proxy = FaultProxy.Start(new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        using var env = SyncEvolutionEnvironment.Create("alert");
        var phone = await Phone.CreateAsync(env, "p", proxy.UrlFor("/sync"), "alice", "secret", new PhoneOptions { EnableRefreshSync = enableRefreshSync });

        var report = await phone.SyncAsync(mode, TimeSpan.FromSeconds(60), Datastore.Contacts);

        report.Succeeded.ShouldBeFalse();
        var first = proxy.Exchanges.ShouldHaveSingleItem();
        AlertCodes().Matches(first.RequestText).Select(m => m.Groups[1].Value).ShouldBe([alert]);
    }

    [Fact]
    public async Task Options_ReachTheWire_WbxmlMd5AndMaxMsgSize()
    {
        await using var proxy = FaultProxy.Start(new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        using var env = SyncEvolutionEnvironment.Create("options");
        var phone = await Phone.CreateAsync(env, "p", proxy.UrlFor("/sync"), "alice", "secret", new PhoneOptions { Wbxml = true, Auth = ClientAuth.Md5, MaxMsgSize = 20000 });

        await phone.SyncAsync(SyncMode.Slow, TimeSpan.FromSeconds(60), Datastore.Contacts, Datastore.Memo);

        var first = proxy.Exchanges.ShouldHaveSingleItem();
        first.RequestHeader("Content-Type").ShouldBe("application/vnd.syncml+wbxml");
        first.RequestBody[0].ShouldBe((byte)0x02, "WBXML version 1.2");
        // The captured md5 first request (testdata first-request/xml-md5-500) carries this digest for alice/secret, empty nonce.
        System.Text.Encoding.ASCII.GetString(first.RequestBody).ShouldContain("lOnT4YjHnGPOubN9TXInoQ==");
        System.Text.Encoding.ASCII.GetString(first.RequestBody).ShouldContain("coffer-test-p");
    }

    [Fact]
    public async Task EditItem_InTheSameSecond_StillMovesTheModificationTime()
    {
        using var env = SyncEvolutionEnvironment.Create("edit");
        var phone = await Phone.CreateAsync(env, "p", "http://127.0.0.1:9/sync", "alice", "secret");
        phone.WriteItem(Datastore.Memo, "n1.txt", "first");
        var before = File.GetLastWriteTimeUtc(Path.Combine(phone.FolderOf(Datastore.Memo), "n1.txt"));

        phone.EditItem(Datastore.Memo, "n1.txt", text => text + " second");

        phone.ReadItem(Datastore.Memo, "n1.txt").ShouldBe("first second");
        var after = File.GetLastWriteTimeUtc(Path.Combine(phone.FolderOf(Datastore.Memo), "n1.txt"));
        (after.Ticks / TimeSpan.TicksPerSecond).ShouldBeGreaterThan(before.Ticks / TimeSpan.TicksPerSecond);
        phone.DeleteItem(Datastore.Memo, "n1.txt");
        phone.CountItems(Datastore.Memo).ShouldBe(0);
    }

    /// <summary>The Alert codes of a SyncML message (XML).</summary>
    internal static IReadOnlyList<string> AlertCodesOf(string message) => AlertCodes().Matches(message).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"<Alert>\s*<CmdID>\d+</CmdID>\s*(?:<NoResp/>\s*)?<Data>(\d+)</Data>")]
    private static partial Regex AlertCodes();
}
