using System.Text;
using Coffer.Storage;

namespace Coffer.Dm.Tests;

/// <summary>Whole DM sessions between the scripted client and the real engine over a real store.</summary>
public sealed class DmSessionEngineTests : IAsyncLifetime
{
    private DmTestServer server = null!;

    public async Task InitializeAsync() => server = await DmTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_backup_walks_the_whole_tree_and_stores_it_as_one_snapshot()
    {
        var tree = SampleTrees.Full("IMEI:100");
        var (device, client, _, _) = await server.EnrollAsync(tree);
        var job = await server.AddJobAsync(device, DmJobKind.Backup);

        (await client.RunSessionAsync(1200)).ShouldBe(212);

        var done = await server.JobAsync(job.Id);
        done.State.ShouldBe(DmJobState.Done);
        done.Decisions.Select(d => d.Decision).ShouldBe(["asked (a size not known yet)", "established"]);
        var snapshot = (await server.SnapshotsAsync(device)).ShouldHaveSingleItem();
        (snapshot.Manufacturer, snapshot.Model, snapshot.Firmware).ShouldBe(("Acme", "A1", "2.1"));
        DmJobReport.FromJson(done.Report)!.Snapshot.ShouldBe(snapshot.Id);

        var stored = await server.TreeAsync(snapshot.Id);
        snapshot.NodeCount.ShouldBe(stored.Count);
        var expected = tree.Nodes.Where(n => !n.IsInterior).ToDictionary(n => n.Path, n => n.Format + ":" + Convert.ToBase64String(n.Data));
        stored.Where(n => !n.IsInterior).ToDictionary(n => n.Path, n => n.Format + ":" + Convert.ToBase64String(n.Data)).ShouldBe(expected, ignoreOrder: true);
        stored.Where(n => n.IsInterior).Select(n => n.Path).ShouldContain("./Coffer/Backup/Apps/chess/Operations/Install");
        client.Messages.ShouldBeGreaterThan(4, "the 10 kB package does not fit one 4 kB message");
        client.Displays.ShouldBe([$"Coffer backed up this device: {snapshot.NodeCount} nodes."], "the user is told the outcome (Alert 1100)");
    }

    /// <summary>A full tree backed up, and a restore of it queued for an empty device of the same model.</summary>
    private async Task<(TestTree Source, TestTree Target, ScriptedDmClient Client, DmJob Job)> RestoreJobAsync(string sourceId, string targetId)
    {
        var source = SampleTrees.Full(sourceId);
        var (from, sourceClient, _, _) = await server.EnrollAsync(source);
        var snapshot = await BackupAsync(from, sourceClient);
        var target = TestTree.Device(targetId, "ACME", "A1", "2.1");
        var (to, client, _, _) = await server.EnrollAsync(target);
        return (source, target, client, await server.AddJobAsync(to, DmJobKind.Restore, snapshot));
    }

    [Fact]
    public async Task A_backup_the_user_starts_on_the_device_is_named_by_them_and_one_the_server_starts_asks_nothing()
    {
        var (device, client, _, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:140"));
        var job = await server.AddJobAsync(device, DmJobKind.Backup);
        client.TextAnswer = (200, "before the trip");

        (await client.RunSessionAsync(1201)).ShouldBe(212);

        client.TextQuestions.ShouldBe(["Name this backup:"]);
        var done = await server.JobAsync(job.Id);
        done.State.ShouldBe(DmJobState.Done);
        DmJobReport.FromJson(done.Report)!.Label.ShouldBe("before the trip");
        done.Decisions.Select(d => d.Decision).ShouldContain("named \"before the trip\"");

        var pushed = await server.AddJobAsync(device, DmJobKind.Backup);
        (await client.RunSessionAsync(1200)).ShouldBe(212);
        client.TextQuestions.Count.ShouldBe(1, "nobody to ask in a session the server started");
        DmJobReport.FromJson((await server.JobAsync(pushed.Id)).Report)!.Label.ShouldEndWith(" UTC");

        var cancelled = await server.AddJobAsync(device, DmJobKind.Backup);
        client.TextAnswer = (Coffer.SyncML.StatusCode.OperationCancelled, null);
        (await client.RunSessionAsync(1201)).ShouldBe(212);
        var rejected = await server.JobAsync(cancelled.Id);
        rejected.State.ShouldBe(DmJobState.Rejected);
        rejected.Decisions.Select(d => d.Decision).ShouldContain("cancelled at the backup's name (status 214)");
        (await server.SnapshotsAsync(device)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_restore_onto_the_same_model_gives_the_same_tree_and_installs_the_apps()
    {
        var (source, target, client, job) = await RestoreJobAsync("IMEI:100", "IMEI:200");

        (await client.RunSessionAsync(1200)).ShouldBe(212);

        var done = await server.JobAsync(job.Id);
        done.State.ShouldBe(DmJobState.Done);
        var withoutOperations = source.Leaves("./Coffer/Backup");
        target.Leaves("./Coffer/Backup").ShouldBe(withoutOperations, ignoreOrder: true);
        target.Installed.ShouldBe(["./Coffer/Backup/Apps/chess/Operations/Install", "./Coffer/Backup/Apps/tuner/Operations/Install"]);
        var report = DmJobReport.FromJson(done.Report)!;
        report.Entries.ShouldAllBe(e => e.Outcome == DmReportEntry.Restored);
        report.Entries.Select(e => e.Path).ShouldContain("./Coffer/Backup/Settings/ringer");
        client.Displays.ShouldBe([$"Coffer restored this device: {report.Entries.Count} restored, 0 skipped, 0 failed."]);
        client.Sequences.ShouldBeGreaterThan(0, "a restore's commands go in Sequences");
        client.Atomics.ShouldBe(1, "the small app goes in one Atomic; the app with the 10 kB package spans messages and cannot");
    }

    [Fact]
    public async Task The_user_picks_what_to_restore_and_a_cancel_restores_nothing()
    {
        var (_, target, client, job) = await RestoreJobAsync("IMEI:130", "IMEI:230");
        client.ChoiceAnswer = (200, "2");

        (await client.RunSessionAsync(1200)).ShouldBe(212);

        client.Choices.ShouldBe([["Everything", "Settings", "Apps", "Certificates and media"]]);
        var done = await server.JobAsync(job.Id);
        done.State.ShouldBe(DmJobState.Done);
        done.Decisions.Select(d => d.Decision).ShouldContain("chose settings");
        target.Leaves("./Coffer/Backup").Keys.ShouldAllBe(k => k.StartsWith("./Coffer/Backup/Settings/", StringComparison.Ordinal));
        target.Installed.ShouldBeEmpty();
        var entries = DmJobReport.FromJson(done.Report)!.Entries;
        entries.Where(e => e.Outcome == DmReportEntry.Restored).ShouldAllBe(e => e.Path.StartsWith("./Coffer/Backup/Settings/", StringComparison.Ordinal));
        entries.Where(e => !e.Path.StartsWith("./Coffer/Backup/Settings/", StringComparison.Ordinal)).ShouldAllBe(e => e.Outcome == DmReportEntry.Skipped && e.Reason == "not chosen");

        var (_, other, cancelling, cancelled) = await RestoreJobAsync("IMEI:131", "IMEI:231");
        cancelling.ChoiceAnswer = (Coffer.SyncML.StatusCode.OperationCancelled, null);
        (await cancelling.RunSessionAsync(1200)).ShouldBe(212);
        var rejected = await server.JobAsync(cancelled.Id);
        rejected.State.ShouldBe(DmJobState.Rejected);
        rejected.Decisions.Select(d => d.Decision).ShouldContain("cancelled at the choice of what to restore (status 214)");
        other.Leaves("./Coffer/Backup").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_device_that_refuses_atomic_gets_each_app_in_the_sequence_instead()
    {
        var (source, target, client, job) = await RestoreJobAsync("IMEI:110", "IMEI:210");
        client.RefuseAtomic = true;

        (await client.RunSessionAsync(1200)).ShouldBe(212);

        var done = await server.JobAsync(job.Id);
        done.State.ShouldBe(DmJobState.Done);
        target.Leaves("./Coffer/Backup").ShouldBe(source.Leaves("./Coffer/Backup"), ignoreOrder: true);
        target.Installed.ShouldBe(["./Coffer/Backup/Apps/chess/Operations/Install", "./Coffer/Backup/Apps/tuner/Operations/Install"], ignoreOrder: true);
        DmJobReport.FromJson(done.Report)!.Entries.ShouldAllBe(e => e.Outcome == DmReportEntry.Restored);
        client.Atomics.ShouldBe(1, "one Atomic refused, none after it");
    }

    [Fact]
    public async Task An_app_whose_install_fails_inside_its_atomic_leaves_nothing_and_every_node_is_reported_failed()
    {
        var (source, target, client, job) = await RestoreJobAsync("IMEI:120", "IMEI:220");
        client.FailExecInAtomic = true;

        (await client.RunSessionAsync(1200)).ShouldBe(212);

        var done = await server.JobAsync(job.Id);
        done.State.ShouldBe(DmJobState.Done);
        target.Leaves("./Coffer/Backup").Keys.ShouldNotContain(l => l.Contains("/Apps/tuner", StringComparison.Ordinal));
        target.Installed.ShouldBe(["./Coffer/Backup/Apps/chess/Operations/Install"]);
        var entries = DmJobReport.FromJson(done.Report)!.Entries;
        var tuner = entries.Where(e => e.Path.StartsWith("./Coffer/Backup/Apps/tuner", StringComparison.Ordinal)).ToList();
        tuner.ShouldNotBeEmpty();
        tuner.ShouldAllBe(e => e.Outcome == DmReportEntry.Failed);
        tuner.ShouldContain(e => e.Path == "./Coffer/Backup/Apps/tuner/Operations/Install" && e.Reason == "device status 500");
        tuner.Where(e => !e.Path.EndsWith("/Install", StringComparison.Ordinal))
            .ShouldAllBe(e => e.Reason == "undone with the app's Atomic (device status 500 at ./Coffer/Backup/Apps/tuner/Operations/Install)");
        entries.Where(e => !e.Path.StartsWith("./Coffer/Backup/Apps/tuner", StringComparison.Ordinal)).ShouldAllBe(e => e.Outcome == DmReportEntry.Restored);
    }

    [Fact]
    public async Task A_restore_onto_another_model_keeps_to_the_portable_parts_and_reports_the_rest()
    {
        var (from, sourceClient, _, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        var snapshot = await BackupAsync(from, sourceClient);
        var target = TestTree.Device("IMEI:300", "Acme", "B7", "2.1");
        var (to, client, _, _) = await server.EnrollAsync(target);
        var job = await server.AddJobAsync(to, DmJobKind.Restore, snapshot);

        (await client.RunSessionAsync(1200)).ShouldBe(212);

        target.Leaves("./Coffer/Backup").Keys.ShouldBe(
            [
                "./Coffer/Backup/Apps/chess/ModelSpecific", "./Coffer/Backup/Apps/chess/Name", "./Coffer/Backup/Apps/chess/Package",
                "./Coffer/Backup/Apps/chess/Version", "./Coffer/Backup/Certs/root.der", "./Coffer/Backup/Media/Ringtones/bell.mid",
            ],
            ignoreOrder: true);
        target.Installed.ShouldBe(["./Coffer/Backup/Apps/chess/Operations/Install"]);
        var skipped = DmJobReport.FromJson((await server.JobAsync(job.Id)).Report)!.Entries.Where(e => e.Outcome == DmReportEntry.Skipped).ToList();
        skipped.ShouldContain(new DmReportEntry("./Coffer/Backup/Settings/ringer", DmReportEntry.Skipped, "another model"));
        skipped.ShouldContain(new DmReportEntry("./Coffer/Backup/Apps/tuner", DmReportEntry.Skipped, "another model"));
    }

    [Fact]
    public async Task A_backup_from_a_newer_firmware_restores_no_settings()
    {
        var (from, sourceClient, _, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:100", firmware: "3.0"));
        var snapshot = await BackupAsync(from, sourceClient);
        var target = TestTree.Device("IMEI:400", "Acme", "A1", "2.9");
        var (to, client, _, _) = await server.EnrollAsync(target);
        var job = await server.AddJobAsync(to, DmJobKind.Restore, snapshot);

        await client.RunSessionAsync(1200);

        target.Leaves("./Coffer/Backup/Settings").ShouldBeEmpty();
        target.Leaves("./Coffer/Backup/Apps/tuner").Count.ShouldBe(4);
        DmJobReport.FromJson((await server.JobAsync(job.Id)).Report)!.Entries
            .ShouldContain(new DmReportEntry("./Coffer/Backup/Settings/wifi.conf", DmReportEntry.Skipped, "newer firmware"));
    }

    [Fact]
    public async Task A_deferred_job_is_retried_after_the_delay_and_completes_at_home()
    {
        var tree = SampleTrees.Full("IMEI:100");
        tree.Leaf("./DevDetail/Ext/Coffer/Connection", "roaming");
        var (device, client, _, _) = await server.EnrollAsync(tree);
        var job = await server.AddJobAsync(device, DmJobKind.Backup);
        client.ConsentAnswer = 214;

        await client.RunSessionAsync();
        client.Prompts.ShouldHaveSingleItem().ShouldContain("roaming");
        (await server.JobAsync(job.Id)).State.ShouldBe(DmJobState.Deferred);
        (await server.SnapshotsAsync(device)).ShouldBeEmpty();

        await client.RunSessionAsync();
        client.Prompts.Count.ShouldBe(1, "a deferred job waits for its next attempt");

        server.Clock.Advance(server.Options.DeferralDelay);
        tree.Leaf("./DevDetail/Ext/Coffer/Connection", "unmetered");
        client.ConsentAnswer = 200;
        await client.RunSessionAsync();

        var done = await server.JobAsync(job.Id);
        done.State.ShouldBe(DmJobState.Done);
        done.Attempts.ShouldBe(2);
        done.Decisions.Select(d => d.Decision).ShouldBe(["asked (a size not known yet, roaming)", "deferred", "asked (a size not known yet)", "established", $"named \"{DmReportLabel(done)}\""]);
        (await server.SnapshotsAsync(device)).ShouldHaveSingleItem();
        client.Prompts[1].ShouldNotContain("roaming");
    }

    [Fact]
    public async Task A_job_deferred_more_often_than_allowed_fails()
    {
        var (device, client, _, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        var job = await server.AddJobAsync(device, DmJobKind.Backup);
        client.ConsentAnswer = 214;
        for (var i = 0; i <= server.Options.MaxDeferrals; i++)
        {
            await client.RunSessionAsync();
            server.Clock.Advance(server.Options.DeferralDelay);
        }

        var failed = await server.JobAsync(job.Id);
        failed.State.ShouldBe(DmJobState.Failed);
        failed.Decisions[^1].Decision.ShouldBe("deferred: no retries left");
        client.Prompts.Count.ShouldBe(server.Options.MaxDeferrals + 1);
    }

    [Fact]
    public async Task A_rejected_job_transfers_nothing()
    {
        var tree = SampleTrees.Full("IMEI:100");
        var (device, client, _, _) = await server.EnrollAsync(tree);
        var job = await server.AddJobAsync(device, DmJobKind.Backup);
        client.ConsentAnswer = 304;

        await client.RunSessionAsync();

        (await server.JobAsync(job.Id)).State.ShouldBe(DmJobState.Rejected);
        (await server.SnapshotsAsync(device)).ShouldBeEmpty();
        client.Messages.ShouldBe(2, "package 1, then the consent answer ends the session");
        await using var read = await server.Store.BeginReadAsync();
        (await read.AuditLog.ListAsync(0, 10)).Select(e => e.Details).ShouldContain($"job {job.Id} backup: rejected");
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_with_a_challenge_and_counted()
    {
        var tree = SampleTrees.Full("IMEI:100");
        var (device, good, _, serverSecret) = await server.EnrollAsync(tree);
        var job = await server.AddJobAsync(device, DmJobKind.Backup);
        var clientName = (await AccountAsync(device)).ClientName;
        var wrong = new ScriptedDmClient(ScriptedDmClient.Direct(server.Engine), tree, clientName, "not-the-secret", DmTestServer.ServerId, serverSecret);

        (await wrong.RunSessionAsync()).ShouldBe(401);

        server.Throttle.Failures.ShouldBe([clientName]);
        (await server.JobAsync(job.Id)).State.ShouldBe(DmJobState.Pending);
        (await AccountAsync(device)).ServerNonce.ShouldNotBeNull("the refusal issues a nonce to answer with");

        // The right client, challenged too, answers over the nonce of the Chal.
        (await good.RunSessionAsync()).ShouldBe(401);
        (await good.RunSessionAsync()).ShouldBe(212);
    }

    [Fact]
    public async Task A_replayed_first_message_is_refused()
    {
        var (device, client, _, _) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        (await client.RunSessionAsync()).ShouldBe(212);

        var replay = Coffer.SyncML.SyncMLXml.Parse(client.FirstMessage);
        var reply = await server.Engine.HandleAsync(new DmRequest(replay, null, ScriptedDmClient.Endpoint, "127.0.0.1"));

        reply.Refused.ShouldBeTrue();
        var status = reply.Message.Body.Commands.OfType<Coffer.SyncML.StatusCommand>().ShouldHaveSingleItem();
        status.Code.ShouldBe(401);
        status.Chal!.Meta!.NextNonce.ShouldBe((await AccountAsync(device)).ServerNonce);
        reply.Message.Body.Final.ShouldBeTrue();
    }

    [Fact]
    public async Task The_secrets_are_not_stored_in_clear()
    {
        var (device, client, clientSecret, serverSecret) = await server.EnrollAsync(SampleTrees.Full("IMEI:100"));
        await server.AddJobAsync(device, DmJobKind.Backup);
        (await client.RunSessionAsync()).ShouldBe(212);
        var account = await AccountAsync(device);
        await server.Store.DisposeAsync();

        foreach (var file in Directory.EnumerateFiles(server.DataDir, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in new[] { clientSecret, serverSecret, account.ClientCredentialHash, "ssid=home" })
            {
                bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)).ShouldBe(-1, $"{secret} in {file}");
            }
        }
    }

    private async Task<long> BackupAsync(long device, ScriptedDmClient client)
    {
        await server.AddJobAsync(device, DmJobKind.Backup);
        (await client.RunSessionAsync(1200)).ShouldBe(212);
        return (await server.SnapshotsAsync(device))[0].Id;
    }

    private static string DmReportLabel(DmJob job) => DmJobReport.FromJson(job.Report)!.Label!;

    private async Task<DmAccount> AccountAsync(long device)
    {
        await using var uow = await server.Store.BeginReadAsync();
        return (await uow.DmAccounts.GetAsync(device))!;
    }
}
