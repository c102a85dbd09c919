using Coffer.Storage;
using Coffer.Sync.Engine;
using Coffer.SyncML;

namespace Coffer.Sync.Tests.Engine.Parts;

/// <summary>
/// The sync type a datastore's Alert gets, from the stored synchronization object alone (OMA-TS-DS_Protocol-V1_2 §5.6,
/// §6.12; seed 002): what the device asked for when its Last anchor matches, 508 and a slow sync when it does not.
/// </summary>
public sealed class SyncTypeChoiceTests
{
    [Theory]
    [InlineData(AlertCode.TwoWay, AlertCode.TwoWay)]
    [InlineData(AlertCode.OneWayFromClient, AlertCode.OneWayFromClient)]
    [InlineData(AlertCode.OneWayFromServer, AlertCode.OneWayFromServer)]
    [InlineData(AlertCode.TwoWayByServer, AlertCode.TwoWay)]
    [InlineData(AlertCode.OneWayFromServerByServer, AlertCode.OneWayFromServer)]
    public void A_normal_sync_with_matching_anchors_is_granted(int code, int mode)
    {
        var decision = SyncTypeChoice.Choose(code, Saved(last: "A1"), " A1 ");

        decision.ShouldBe(new SyncTypeDecision(mode, StatusCode.Ok, false));
    }

    [Theory]
    [InlineData("A0")]
    [InlineData(null)]
    public void A_normal_sync_whose_anchor_does_not_match_becomes_a_slow_sync_with_508(string? clientLast)
    {
        SyncTypeChoice.Choose(AlertCode.TwoWay, Saved(last: "A1"), clientLast)
            .ShouldBe(new SyncTypeDecision(AlertCode.SlowSync, StatusCode.RefreshRequired, false));
    }

    [Fact]
    public void A_device_the_server_has_never_synced_with_gets_a_slow_sync()
    {
        SyncTypeChoice.Choose(AlertCode.TwoWay, null, "A1")
            .ShouldBe(new SyncTypeDecision(AlertCode.SlowSync, StatusCode.RefreshRequired, false));
    }

    [Theory]
    [InlineData(AlertCode.SlowSync, AlertCode.SlowSync)]
    [InlineData(AlertCode.RefreshFromClient, AlertCode.RefreshFromClient)]
    [InlineData(AlertCode.RefreshFromServer, AlertCode.RefreshFromServer)]
    [InlineData(AlertCode.RefreshFromServerByServer, AlertCode.RefreshFromServer)]
    public void Slow_and_refresh_syncs_need_no_anchors(int code, int mode)
    {
        SyncTypeChoice.Choose(code, null, null).ShouldBe(new SyncTypeDecision(mode, StatusCode.Ok, false));
    }

    [Fact]
    public void A_resume_continues_the_interrupted_session_in_its_sync_type()
    {
        var saved = Saved(last: "A1", inProgress: SyncTypeChoice.InProgress(AlertCode.SlowSync));

        SyncTypeChoice.Choose(AlertCode.Resume, saved, "A1").ShouldBe(new SyncTypeDecision(AlertCode.SlowSync, StatusCode.Ok, true));
    }

    [Fact]
    public void A_resume_of_nothing_interrupted_gets_509_and_a_two_way_sync_when_the_anchors_match()
    {
        SyncTypeChoice.Choose(AlertCode.Resume, Saved(last: "A1"), "A1")
            .ShouldBe(new SyncTypeDecision(AlertCode.TwoWay, StatusCode.Reserved509, false));
    }

    [Fact]
    public void A_resume_with_a_stale_anchor_gets_a_slow_sync_with_508()
    {
        var saved = Saved(last: "A1", inProgress: SyncTypeChoice.InProgress(AlertCode.TwoWay));

        SyncTypeChoice.Choose(AlertCode.Resume, saved, "A0")
            .ShouldBe(new SyncTypeDecision(AlertCode.SlowSync, StatusCode.RefreshRequired, false));
    }

    [Fact]
    public void The_in_progress_marker_round_trips_and_a_finished_session_has_none()
    {
        SyncTypeChoice.InterruptedMode(Saved(last: "A1", inProgress: SyncTypeChoice.InProgress(AlertCode.RefreshFromClient))).ShouldBe(AlertCode.RefreshFromClient);
        SyncTypeChoice.InterruptedMode(Saved(last: "A1", inProgress: "20261206T000000Z-42")).ShouldBeNull();
        SyncTypeChoice.InterruptedMode(null).ShouldBeNull();
    }

    [Theory]
    [InlineData(AlertCode.NextMessage, false)]
    [InlineData(AlertCode.Display, false)]
    [InlineData(AlertCode.TwoWay, true)]
    [InlineData(AlertCode.RefreshFromServerByServer, true)]
    [InlineData(AlertCode.Resume, true)]
    [InlineData(211, false)]
    public void Only_sync_alerts_open_a_datastore(int code, bool sync) => SyncTypeChoice.IsSyncAlert(code).ShouldBe(sync);

    private static SyncState Saved(string? last, string? inProgress = null) =>
        new(1, 1, last, null, "S1", inProgress, 0, 7, null, DateTimeOffset.UnixEpoch);
}
