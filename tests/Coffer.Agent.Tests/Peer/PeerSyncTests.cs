using Coffer.Agent.Peer;
using Coffer.Agent.Protocol;

namespace Coffer.Agent.Tests.Peer;

/// <summary>Direct SyncML between two agents (issue 19): the invited agent serves its folder through the engine, the inviting one syncs with it.</summary>
public sealed class PeerSyncTests : IDisposable
{
    private readonly PeerPair pair = new();

    [Fact]
    public async Task FirstSyncMergesBothFoldersAndKeepsAContactBothHaveOnce()
    {
        WriteContacts(pair.Invited, 1, 2, 3);
        WriteContacts(pair.Inviting, 3, 4);
        var invitedProgress = new ProgressLog();
        var invitingProgress = new ProgressLog();

        var (invited, inviting) = await pair.RoundAsync(invitedProgress, invitingProgress);

        string[] all = ["Jürgen Sample001", "Jürgen Sample002", "Jürgen Sample003", "Jürgen Sample004"];
        PeerPair.Names(pair.InvitedContacts).ShouldBe(all);
        PeerPair.Names(pair.InvitingContacts).ShouldBe(all);
        inviting.SyncType.ShouldBe("slow");
        inviting.Completed.ShouldBeTrue();
        invited.Completed.ShouldBeTrue();
        (inviting.Sent, inviting.Received).ShouldBe((2, 2));
        (invited.Sent, invited.Received).ShouldBe((2, 2));

        // Both sides tell how far they are: items sent and received, as they go.
        invitingProgress.Reports.ShouldContain(p => p.Sent == 2 && p.SentTotal == 2);
        invitingProgress.Reports.ShouldContain(p => p.Received == 2);
        invitedProgress.Reports.ShouldContain(p => p.Received == 2);
        invitedProgress.Reports.ShouldContain(p => p.Sent == 2);

        // The invited agent's own files are left as they were: only what the peer brought is written.
        File.ReadAllText(Path.Combine(pair.InvitedContacts, "c1.vcf")).ShouldBe(PimSamples.Contact(1));
    }

    [Fact]
    public async Task EditsAndDeletesTravelBothWaysOnTheNextSync()
    {
        WriteContacts(pair.Invited, 1, 2);
        WriteContacts(pair.Inviting, 3, 4);
        await pair.RoundAsync();

        File.WriteAllText(Path.Combine(pair.InvitedContacts, "c1.vcf"), PimSamples.Contact(1, "edited on A"));
        File.WriteAllText(PeerPair.FileOf(pair.InvitingContacts, "Jürgen Sample004"), PimSamples.Contact(4, "edited on B"));
        File.Delete(PeerPair.FileOf(pair.InvitingContacts, "Jürgen Sample002"));
        File.Delete(PeerPair.FileOf(pair.InvitedContacts, "Jürgen Sample003"));

        var (invited, inviting) = await pair.RoundAsync();

        inviting.SyncType.ShouldBe("two-way");
        invited.Completed.ShouldBeTrue();
        string[] left = ["Jürgen Sample001", "Jürgen Sample004"];
        PeerPair.Names(pair.InvitedContacts).ShouldBe(left);
        PeerPair.Names(pair.InvitingContacts).ShouldBe(left);
        File.ReadAllText(PeerPair.FileOf(pair.InvitingContacts, "Jürgen Sample001")).ShouldContain("NOTE:edited on A");
        File.ReadAllText(PeerPair.FileOf(pair.InvitedContacts, "Jürgen Sample004")).ShouldContain("NOTE:edited on B");

        // Nothing changed: the third session sends and receives nothing.
        var (_, quiet) = await pair.RoundAsync();
        (quiet.SyncType, quiet.Sent, quiet.Received).ShouldBe(("two-way", 0L, 0L));
    }

    [Fact]
    public async Task AWrongSecretIsRefusedWith401AndNothingChanges()
    {
        WriteContacts(pair.Invited, 1, 2);
        WriteContacts(pair.Inviting, 3);
        var invitedBefore = PimSamples.Hashes(pair.InvitedContacts);
        var invitingBefore = PimSamples.Hashes(pair.InvitingContacts);
        await using var session = await pair.ServeAsync(PeerPair.NewSecret());

        var refused = await Should.ThrowAsync<AuthenticationFailedException>(() => pair.SyncAsync(session.Url, PeerPair.NewSecret()));

        refused.Status.ShouldBe(401);
        session.Completion.IsCompleted.ShouldBeFalse();
        PimSamples.Hashes(pair.InvitedContacts).ShouldBe(invitedBefore);
        PimSamples.Hashes(pair.InvitingContacts).ShouldBe(invitingBefore);
    }

    [Fact]
    public async Task AnotherAddressThanThePeersIsNotServed()
    {
        WriteContacts(pair.Invited, 1);
        WriteContacts(pair.Inviting, 2);
        var secret = PeerPair.NewSecret();
        await using var session = await pair.ServeAsync(secret);

        await Should.ThrowAsync<SyncProtocolException>(() => pair.SyncAsync(session.Url, secret, from: System.Net.IPAddress.Parse("127.0.0.4")));

        PeerPair.Names(pair.InvitedContacts).ShouldBe(["Jürgen Sample001"]);
        PeerPair.Names(pair.InvitingContacts).ShouldBe(["Jürgen Sample002"]);
    }

    [Fact]
    public async Task ADroppedConnectionLeavesBothFoldersIntactAndTheNextSyncCompletesThem()
    {
        WriteContacts(pair.Invited, 1, 2, 3);
        WriteContacts(pair.Inviting, 3, 4, 5);
        var invitedBefore = PimSamples.Contents(pair.InvitedContacts);
        var invitingBefore = PimSamples.Contents(pair.InvitingContacts);
        var secret = PeerPair.NewSecret();
        using var drop = new CancellationTokenSource();

        // The connection goes once the peer has answered the changes sent, before the session's last package.
        var progress = new ProgressLog(p =>
        {
            if (p.Sent > 0)
            {
                drop.Cancel();
            }
        });
        await using (var session = await pair.ServeAsync(secret))
        {
            await Should.ThrowAsync<OperationCanceledException>(() => pair.SyncAsync(session.Url, secret, progress, drop.Token));
            await session.DisposeAsync();
            (await session.Completion).Completed.ShouldBeFalse();
        }

        // Every file each side had is still there as it was, and every file is a whole contact.
        invitedBefore.ShouldBeSubsetOf(PimSamples.Contents(pair.InvitedContacts));
        invitingBefore.ShouldBeSubsetOf(PimSamples.Contents(pair.InvitingContacts));
        PimSamples.Contents(pair.InvitedContacts).Concat(PimSamples.Contents(pair.InvitingContacts)).ShouldAllBe(c => c.TrimEnd().EndsWith("END:VCARD", StringComparison.Ordinal));

        var (invited, inviting) = await pair.RoundAsync();

        invited.Completed.ShouldBeTrue();
        inviting.Completed.ShouldBeTrue();
        string[] all = ["Jürgen Sample001", "Jürgen Sample002", "Jürgen Sample003", "Jürgen Sample004", "Jürgen Sample005"];
        PeerPair.Names(pair.InvitedContacts).ShouldBe(all);
        PeerPair.Names(pair.InvitingContacts).ShouldBe(all);
    }

    [Fact]
    public async Task CalendarAndNotesSyncTheSameWay()
    {
        PimSamples.Write(pair.Invited.DataDir, "calendar", "e1.ics", PimSamples.Event(1));
        PimSamples.Write(pair.Inviting.DataDir, "calendar", "e2.ics", PimSamples.Event(2));
        PimSamples.Write(pair.Invited.DataDir, "notes", "n1.txt", PimSamples.Note(1));
        PimSamples.Write(pair.Inviting.DataDir, "notes", "n2.txt", PimSamples.Note(2));

        await pair.RoundAsync(datastore: "calendar");
        await pair.RoundAsync(datastore: "notes");

        foreach (var side in new[] { pair.Invited, pair.Inviting })
        {
            var events = Directory.EnumerateFiles(Path.Combine(side.DataDir, "calendar")).Select(File.ReadAllText).ToList();
            events.Count.ShouldBe(2);
            events.ShouldContain(e => e.Contains("SUMMARY:Meeting 1", StringComparison.Ordinal));
            events.ShouldContain(e => e.Contains("SUMMARY:Meeting 2", StringComparison.Ordinal));
            var notes = Directory.EnumerateFiles(Path.Combine(side.DataDir, "notes")).Select(File.ReadAllText).Select(n => n.ReplaceLineEndings("\n")).Order().ToList();
            notes.ShouldBe([PimSamples.Note(1), PimSamples.Note(2)]);
        }
    }

    [Fact]
    public async Task ASecondSessionOfTheDatastoreIsBusyUntilTheFirstEnds()
    {
        WriteContacts(pair.Invited, 1);
        var first = await pair.ServeAsync(PeerPair.NewSecret());

        await Should.ThrowAsync<PeerBusyException>(() => pair.ServeAsync(PeerPair.NewSecret()));
        await (await pair.ServeAsync(PeerPair.NewSecret(), datastore: "notes")).DisposeAsync();

        await first.DisposeAsync();
        await (await pair.ServeAsync(PeerPair.NewSecret())).DisposeAsync();
    }

    [Fact]
    public async Task PhotosAreNotASyncMLPeerDatastore()
    {
        await Should.ThrowAsync<ArgumentException>(() => pair.ServeAsync(PeerPair.NewSecret(), datastore: "photos"));
    }

    public void Dispose() => pair.Dispose();

    private static void WriteContacts(PeerSide side, params int[] numbers)
    {
        foreach (var n in numbers)
        {
            PimSamples.Write(side.DataDir, "contacts", $"c{n}.vcf", PimSamples.Contact(n));
        }
    }
}
