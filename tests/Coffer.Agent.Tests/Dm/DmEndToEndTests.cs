using Coffer.Agent.Runs;
using System.Text.Json;
using Coffer.Agent.Profile;
using Coffer.Storage;
using Coffer.Sync.Notifications;
using Coffer.SyncML;
using Coffer.SyncML.Dm;
using Coffer.SyncML.San;
using Coffer.SyncML.Wbxml;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Agent.Tests.Dm;

/// <summary>
/// OMA DM end to end on loopback: <c>coffer-agent</c> (listen, dm session, dm tree) against the real server's /dm,
/// its JSON API and its push mailbox (docs/device-management.md). Agents initialised with <c>--xml</c> speak
/// <c>application/vnd.syncml.dm+xml</c>, the others WBXML.
/// </summary>
public sealed class DmEndToEndTests : IAsyncLifetime
{
    private const string Password = "dm e2e pw";
    private TestServer server = null!;

    // A deferred job is due again at once and looked for every second: the retry is what is shown, not the wait.
    public async Task InitializeAsync() => server = await TestServer.StartAsync("--Coffer:Notifications:Enabled=false", "--Coffer:Dm:DeferralDelay=00:00:00", "--Coffer:Dm:RetryInterval=00:00:01");

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_backup_started_through_the_api_reaches_the_listening_agent_as_package_0_and_is_stored()
    {
        await server.AddUserAsync("dana", Password);
        using var fleet = new DmFleet(server, "dana", Password);
        var phone = await fleet.PhoneAsync("dana-phone", "N95", filled: true);

        var listening = phone.RunAsync("listen", "--once", "--wait", "30");
        var job = await fleet.BackupAsync(phone);
        var result = await listening;

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.StdErr.ShouldContain("DM session");
        result.StdOut.ShouldContain("dm session ");
        result.ToString().ShouldContain("Coffer backed up this device", Case.Sensitive, "the server's Alert 1100 is shown");
        var overview = await fleet.OverviewAsync(phone);
        overview.GetProperty("lastBackup").ValueKind.ShouldBe(JsonValueKind.Object, overview.ToString());

        // The walk reads ./DevInfo, ./DevDetail and ./Coffer/Backup: the whole tree but "." and "./Coffer".
        overview.GetProperty("treeNodes").GetInt32().ShouldBe((await DmFleet.TreeAsync(phone)).Length - 2);
        overview.GetProperty("treeBytes").GetInt64().ShouldBeGreaterThan(5000);
        overview.GetProperty("firmware").EnumerateArray().Select(f => f.GetProperty("firmware").GetString()).ShouldBe(["21.0.016"]);
        var done = overview.GetProperty("jobs").EnumerateArray().ShouldHaveSingleItem();
        done.GetProperty("id").GetInt64().ShouldBe(job.GetProperty("id").GetInt64());
        done.GetProperty("state").GetString().ShouldBe("done", done.ToString());

        // The next package 0 is signed over the nonce the agent issued in that session, and verifies there too.
        DmFleet.Account(phone).Load()!.ClientNonce.ShouldNotBeNullOrEmpty();
        listening = phone.RunAsync("listen", "--once", "--wait", "30");
        await fleet.BackupAsync(phone);
        result = await listening;
        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.StdErr.ShouldNotContain("does not verify");
        (await fleet.OverviewAsync(phone)).GetProperty("backups").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_restore_onto_a_phone_of_the_same_model_gives_the_same_tree_and_files_and_another_model_gets_what_is_portable()
    {
        await server.AddUserAsync("emil", Password);
        using var fleet = new DmFleet(server, "emil", Password);
        var old = await fleet.PhoneAsync("emil-old", "N95", filled: true);
        var same = await fleet.PhoneAsync("emil-new", "N95", filled: false, "--xml");
        var other = await fleet.PhoneAsync("emil-other", "E71", filled: false);

        await fleet.BackupAsync(old);
        (await old.RunAsync("dm", "session")).ExitCode.ShouldBe(ExitCodes.Ok);
        (await fleet.JobAsync(old)).GetProperty("state").GetString().ShouldBe("done");

        // The same model, over XML and with HMAC-MD5: everything, node by node and byte by byte.
        await fleet.RestoreAsync(same, old);
        var restore = await same.RunAsync("dm", "session", "--hmac");
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        var job = await fleet.JobAsync(same);
        job.GetProperty("state").GetString().ShouldBe("done", job.ToString());
        (await DmFleet.TreeAsync(same)).Where(n => !n.StartsWith("./DevInfo/DevId ", StringComparison.Ordinal))
            .ShouldBe((await DmFleet.TreeAsync(old)).Where(n => !n.StartsWith("./DevInfo/DevId ", StringComparison.Ordinal)));
        DmProfileSample.Files(Profile(same)).ShouldBe(DmProfileSample.Files(Profile(old)));

        // Another model: no settings, no model-specific app; the report says so for each and nothing else is missing.
        await fleet.RestoreAsync(other, old);
        (await other.RunAsync("dm", "session")).ExitCode.ShouldBe(ExitCodes.Ok);
        job = await fleet.JobAsync(other);
        job.GetProperty("state").GetString().ShouldBe("done", job.ToString());
        var skipped = job.GetProperty("report").GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("outcome").GetString() == "skipped")
            .Select(e => $"{e.GetProperty("path").GetString()}: {e.GetProperty("reason").GetString()}")
            .ToArray();
        skipped.ShouldContain(s => s.StartsWith("./Coffer/Backup/Settings", StringComparison.Ordinal) && s.Contains("another model"));
        skipped.ShouldContain(s => s.StartsWith("./Coffer/Backup/Apps/com.nokia.maps", StringComparison.Ordinal) && s.Contains("another model"));
        skipped.ShouldAllBe(s => s.StartsWith("./Coffer/Backup/Settings", StringComparison.Ordinal) || s.StartsWith("./Coffer/Backup/Apps/com.nokia.maps", StringComparison.Ordinal));
        job.GetProperty("report").GetProperty("entries").EnumerateArray().ShouldNotContain(e => e.GetProperty("outcome").GetString() == "failed");
        var portable = DmProfileSample.Files(Profile(old)).Where(f => f.StartsWith("certs/", StringComparison.Ordinal) || f.StartsWith("media/", StringComparison.Ordinal));
        DmProfileSample.Files(Profile(other)).Where(f => !f.StartsWith("apps/", StringComparison.Ordinal)).ShouldBe(portable);
        var apps = AppList.Parse(File.ReadAllBytes(Path.Combine(Profile(other), ProfileLayout.AppListFile)));
        apps.Apps.Select(a => a.Id).ShouldBe(["org.example.notes"]);
    }

    [Fact]
    public async Task A_restore_onto_a_phone_that_already_has_the_apps_replaces_them_inside_their_atomics()
    {
        await server.AddUserAsync("ida", Password);
        using var fleet = new DmFleet(server, "ida", Password);
        var old = await fleet.PhoneAsync("ida-old", "N95", filled: true);
        var phone = await fleet.PhoneAsync("ida-new", "N95", filled: false);
        await fleet.BackupAsync(old);
        (await old.RunAsync("dm", "session")).ExitCode.ShouldBe(ExitCodes.Ok);

        // The second restore finds every app on the phone (its Adds answered 418 inside the app's Atomic) and a package
        // damaged since: the Atomic goes again with Replace, and the package is whole again.
        for (var round = 0; round < 2; round++)
        {
            await fleet.RestoreAsync(phone, old);
            var restore = await phone.RunAsync("dm", "session");
            restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
            var job = await fleet.JobAsync(phone);
            job.GetProperty("state").GetString().ShouldBe("done", job.ToString());
            job.GetProperty("report").GetProperty("entries").EnumerateArray()
                .ShouldNotContain(e => e.GetProperty("outcome").GetString() == "failed", job.ToString());
            DmProfileSample.Files(Profile(phone)).ShouldBe(DmProfileSample.Files(Profile(old)), $"round {round}");
            File.WriteAllText(Path.Combine(Profile(phone), "apps", "maps.sis"), "DAMAGED");
        }
    }

    [Fact]
    public async Task The_user_names_a_backup_and_restores_only_its_apps_by_choosing_them_on_the_phone()
    {
        await server.AddUserAsync("jo", Password);
        using var fleet = new DmFleet(server, "jo", Password);
        var old = await fleet.PhoneAsync("jo-old", "N95", filled: true);
        var phone = await fleet.PhoneAsync("jo-new", "N95", filled: false);
        await fleet.BackupAsync(old);
        var backup = await old.RunAsync("dm", "session", "--label", "old phone");
        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        backup.StdErr.ShouldContain("Name this backup: old phone");
        var named = await fleet.JobAsync(old);
        named.GetProperty("report").GetProperty("label").GetString().ShouldBe("old phone", named.ToString());

        await fleet.RestoreAsync(phone, old);
        var restore = await phone.RunAsync("dm", "session", "--choose", "apps");
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        restore.StdErr.ShouldContain("Restore what? Apps");
        var job = await fleet.JobAsync(phone);
        job.GetProperty("state").GetString().ShouldBe("done", job.ToString());
        Decisions(job).ShouldContain("chose apps");
        DmProfileSample.Files(Profile(phone)).ShouldBe(DmProfileSample.Files(Profile(old)).Where(f => f.StartsWith("apps/", StringComparison.Ordinal)));
        var entries = job.GetProperty("report").GetProperty("entries").EnumerateArray().ToList();
        entries.Where(e => e.GetProperty("outcome").GetString() == "skipped").Select(e => e.GetProperty("reason").GetString()).ShouldAllBe(r => r == "not chosen");
        entries.ShouldContain(e => e.GetProperty("path").GetString()!.StartsWith("./Coffer/Backup/Settings", StringComparison.Ordinal) && e.GetProperty("outcome").GetString() == "skipped");
        entries.Where(e => e.GetProperty("outcome").GetString() == "restored")
            .ShouldAllBe(e => e.GetProperty("path").GetString()!.StartsWith("./Coffer/Backup/Apps/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_roaming_agent_defers_the_server_retries_and_completes_at_home_and_a_rejection_leaves_nothing()
    {
        await server.AddUserAsync("fred", Password);
        using var fleet = new DmFleet(server, "fred", Password);
        var phone = await fleet.PhoneAsync("fred-phone", "N95", filled: true, "--xml");

        await fleet.BackupAsync(phone);
        var roaming = await phone.RunAsync("listen", "--once", "--wait", "5", "--connection", "roaming", "--on-metered", "defer");
        roaming.ExitCode.ShouldBe(ExitCodes.Ok, roaming.ToString());
        roaming.StdOut.ShouldContain("consent defer (214)");
        roaming.StdOut.ShouldContain("roaming");
        // The retry service may already have offered it again (pending) by the time the job is read.
        var job = await fleet.JobAsync(phone);
        job.GetProperty("state").GetString().ShouldBeOneOf(["deferred", "pending"], job.ToString());
        Decisions(job).Take(2).ShouldBe(["asked (a size not known yet, roaming)", "deferred"], ignoreOrder: false, job.ToString());
        (await fleet.OverviewAsync(phone)).GetProperty("lastBackup").ValueKind.ShouldBe(JsonValueKind.Null);

        // Home again: the server offers the deferred job again with a new package 0, and the listening agent runs it.
        var home = await phone.RunAsync("listen", "--once", "--wait", "30", "--connection", "unmetered");
        home.ExitCode.ShouldBe(ExitCodes.Ok, home.ToString());
        job = await fleet.JobAsync(phone);
        job.GetProperty("state").GetString().ShouldBe("done", job.ToString());
        Decisions(job).ShouldBe(["asked (a size not known yet, roaming)", "deferred", "offered again", "asked (a size not known yet)", "established"], ignoreOrder: false, job.ToString());
        (await fleet.OverviewAsync(phone)).GetProperty("lastBackup").ValueKind.ShouldBe(JsonValueKind.Object);

        // Rejected: no transfer, no new backup, the decision logged.
        var backups = (await fleet.OverviewAsync(phone)).GetProperty("backups").GetArrayLength();
        await fleet.BackupAsync(phone);
        var reject = await phone.RunAsync("dm", "session", "--connection", "roaming", "--on-metered", "deny");
        reject.ExitCode.ShouldBe(ExitCodes.Rejected, reject.ToString());
        job = await fleet.JobAsync(phone);
        job.GetProperty("state").GetString().ShouldBe("rejected", job.ToString());
        Decisions(job).ShouldContain("rejected");
        reject.StdOut.ShouldNotContain("Get");
        (await fleet.OverviewAsync(phone)).GetProperty("backups").GetArrayLength().ShouldBe(backups);
    }

    [Fact]
    public async Task A_device_enrolled_with_hmac_authenticates_its_listen_sessions_with_hmac()
    {
        await server.AddUserAsync("hank", Password);
        using var fleet = new DmFleet(server, "hank", Password);
        var phone = await fleet.PhoneAsync("hank-phone", "N95", filled: true);
        var enroll = await phone.RunAsync("dm", "enroll", "--hmac");
        enroll.ExitCode.ShouldBe(ExitCodes.Ok, enroll.ToString());

        // The session's authenticating request, seen on the wire, carries x-syncml-hmac and no Cred.
        var proxy = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "hank-proxy"));
        await using (proxy)
        {
            var file = DmFleet.Account(phone);
            file.Save(file.Load()! with { ServerUrl = new Uri(proxy.SyncUrl(server.SyncUrl), "/dm") });
            var listening = phone.RunAsync("listen", "--once", "--wait", "30");
            await fleet.BackupAsync(phone);
            var result = await listening;
            result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        }

        (await fleet.JobAsync(phone)).GetProperty("state").GetString().ShouldBe("done");
        var first = Directory.GetFiles(proxy.OutDir, "*-request.headers.txt").Order(StringComparer.Ordinal).First();
        File.ReadAllText(first).ShouldContain("x-syncml-hmac", Case.Insensitive, File.ReadAllText(first));
        var body = Directory.GetFiles(proxy.OutDir, Path.GetFileName(first).Replace("headers.txt", "body.*", StringComparison.Ordinal)).ShouldHaveSingleItem();
        WbxmlDecoder.Decode(File.ReadAllBytes(body)).Descendants().ShouldNotContain(e => e.Name.LocalName == "Cred", "HMAC instead of auth-md5");

        // Every message of the session carries its MAC, both ways (OMA-TS-DM_Security-V1_2 §5.5.2), and no Cred.
        var exchanges = Directory.GetFiles(proxy.OutDir, "*.headers.txt");
        exchanges.Length.ShouldBeGreaterThan(4);
        exchanges.ShouldAllBe(f => File.ReadAllText(f).Contains("x-syncml-hmac", StringComparison.OrdinalIgnoreCase));
        Directory.GetFiles(proxy.OutDir, "*.body.wbxml").ShouldAllBe(f => !WbxmlDecoder.Decode(File.ReadAllBytes(f)).Descendants().Any(e => e.Name.LocalName == "Cred"));
    }

    [Fact]
    public async Task An_hmac_session_whose_server_mac_does_not_verify_is_refused_by_the_agent()
    {
        await server.AddUserAsync("ivan", Password);
        using var fleet = new DmFleet(server, "ivan", Password);
        var phone = await fleet.PhoneAsync("ivan-phone", "N95", filled: true);
        (await phone.RunAsync("dm", "enroll", "--hmac")).ExitCode.ShouldBe(ExitCodes.Ok);
        await fleet.BackupAsync(phone);

        // The server's MAC is keyed by its secret: with another one on the agent's side the first reply fails.
        var file = DmFleet.Account(phone);
        file.Save(file.Load()! with { ServerSecret = "not the server's secret" });
        var session = await phone.RunAsync("dm", "session", "--hmac");

        session.ExitCode.ShouldBe(ExitCodes.ServerNotAuthenticated, session.ToString());
        session.StdErr.ShouldContain("HMAC");
        (await fleet.JobAsync(phone)).GetProperty("state").GetString().ShouldNotBe("done");
    }

    [Fact]
    public async Task A_reply_lost_with_its_connection_is_sent_again_from_the_cache_and_nothing_runs_twice()
    {
        await server.AddUserAsync("lena", Password);
        using var fleet = new DmFleet(server, "lena", Password);
        var phone = await fleet.PhoneAsync("lena-phone", "N95", filled: true);
        (await phone.RunAsync("dm", "enroll", "--hmac")).ExitCode.ShouldBe(ExitCodes.Ok);
        await fleet.BackupAsync(phone);

        // The reply to the third message (the walk under way) is read from the server and then lost with the connection.
        var proxy = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "lena-proxy"), dropResponse: 3);
        await using (proxy)
        {
            var file = DmFleet.Account(phone);
            file.Save(file.Load()! with { ServerUrl = new Uri(proxy.SyncUrl(server.SyncUrl), "/dm") });
            var session = await phone.RunAsync("dm", "session", "--hmac");
            session.ExitCode.ShouldBe(ExitCodes.Ok, session.ToString());
        }

        // The agent sent the same bytes again and got the very reply the server had made, MAC and all.
        File.ReadAllBytes(Only(proxy, "004-request.body.*")).ShouldBe(File.ReadAllBytes(Only(proxy, "003-request.body.*")));
        File.ReadAllBytes(Only(proxy, "004-response.body.*")).ShouldBe(File.ReadAllBytes(Only(proxy, "003-response.body.*")));
        Mac(Only(proxy, "004-response.headers.txt")).ShouldBe(Mac(Only(proxy, "003-response.headers.txt")));

        // One backup, its job done once.
        (await fleet.JobAsync(phone)).GetProperty("state").GetString().ShouldBe("done");
        var overview = await fleet.OverviewAsync(phone);
        overview.GetProperty("backups").GetArrayLength().ShouldBe(1, overview.ToString());
        var decisions = Decisions(overview.GetProperty("jobs").EnumerateArray().Single());
        decisions.ShouldBe(decisions.Distinct(), "each decision logged once");
    }

    private static string Only(RecordingProxy proxy, string pattern) => Directory.GetFiles(proxy.OutDir, pattern).ShouldHaveSingleItem();

    private static string Mac(string headers) =>
        File.ReadAllLines(headers).Single(l => l.StartsWith("x-syncml-hmac:", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task Wrong_credentials_a_replayed_message_and_a_forged_package_0_are_refused()
    {
        var user = await server.AddUserAsync("gina", Password);
        using var fleet = new DmFleet(server, "gina", Password);
        var phone = await fleet.PhoneAsync("gina-phone", "N95", filled: true);
        await fleet.BackupAsync(phone);

        // Wrong DM credentials: refused, no session, the job still waiting.
        var file = DmFleet.Account(phone);
        var account = file.Load()!;
        file.Save(account with { ClientSecret = "not the secret" });
        var wrong = await phone.RunAsync("dm", "session");
        wrong.ExitCode.ShouldBe(ExitCodes.AuthenticationFailed, wrong.ToString());
        (await fleet.JobAsync(phone)).GetProperty("state").GetString().ShouldBe("pending");
        file.Save(file.Load()! with { ClientSecret = account.ClientSecret });

        // A package 0 signed with another secret: ignored and logged, nothing runs.
        var forged = DmNotificationCodec.Encode(new DmNotification { UiMode = SanUiMode.Background, Initiator = SanInitiator.Server, SessionId = 77 }, account.ServerId, "another secret", Coffer.SyncML.Auth.Md5Auth.DecodeNonce(file.Load()!.ClientNonce));
        await server.App.Services.GetRequiredService<PushMailbox>().PostAsync(await DeviceRowAsync(user, phone), PushPackageKind.Dm, forged);
        var listen = await phone.RunAsync("listen", "--once", "--wait", "5");
        listen.ExitCode.ShouldBe(ExitCodes.Ok, listen.ToString());
        listen.StdErr.ShouldContain("digest does not verify");
        listen.StdOut.ShouldNotContain("dm session");
        (await fleet.JobAsync(phone)).GetProperty("state").GetString().ShouldBe("pending");

        // A captured package 1, sent again after its session: its nonce is spent, so it is refused with no session.
        var proxy = await RecordingProxy.StartAsync(server.SyncUrl, Path.Combine(server.Root, "gina-proxy"));
        await using (proxy)
        {
            file.Save(file.Load()! with { ServerUrl = new Uri(proxy.SyncUrl(server.SyncUrl), "/dm") });
            var session = await phone.RunAsync("dm", "session");
            session.ExitCode.ShouldBe(ExitCodes.Ok, session.ToString());
        }

        (await fleet.JobAsync(phone)).GetProperty("state").GetString().ShouldBe("done");
        var captured = Path.Combine(proxy.OutDir, "001-request.body.wbxml");
        using var http = new HttpClient();
        using var content = new ByteArrayContent(File.ReadAllBytes(captured));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(DmVersion.WbxmlMediaType);
        using var replay = await http.PostAsync(new Uri(server.SyncUrl, "/dm"), content);
        var reply = SyncMLXml.Read(WbxmlDecoder.Decode(await replay.Content.ReadAsByteArrayAsync()));
        var header = reply.Body.Commands.OfType<StatusCommand>().ShouldHaveSingleItem();
        header.CmdRef.ShouldBe("0");
        header.Code.ShouldBe(StatusCode.InvalidCredentials);
        reply.Header.RespURI.ShouldBeNull();
        reply.Body.Final.ShouldBeTrue();
    }

    private static string Profile(Agent phone) => Path.Combine(phone.DataDir, ProfileLayout.Datastore);

    private static string[] Decisions(JsonElement job) =>
        [.. job.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("decision").GetString()!)];

    private async Task<long> DeviceRowAsync(Coffer.Storage.UserAccount user, Agent agent)
    {
        await using var read = await server.Store.BeginReadAsync();
        return (await read.Devices.GetAsync(user.Id, agent.DeviceId)).ShouldNotBeNull().Id;
    }
}
