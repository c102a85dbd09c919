using Coffer.Sip.Proxy;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Sip.Tests.Proxy;

public class PeerSessionTableTests
{
    private static PeerSession Session(string callId, string calleeDevice, DateTimeOffset started) =>
        new(callId, "alice", "laptop", "alice", calleeDevice, started, PeerSessionState.Inviting, null);

    [Fact]
    public void A_session_without_a_bye_is_swept_after_its_lifetime_and_observers_hear_of_it()
    {
        var time = new FakeTimeProvider();
        using var table = new PeerSessionTable(time, TimeSpan.FromHours(1));
        var changes = new List<PeerSessionChange>();
        table.Changed += (_, c) => changes.Add(c);
        table.StartSweeping(TimeSpan.FromMinutes(1));
        table.TryBegin(Session("a", "phone", time.GetUtcNow())).ShouldBeTrue();
        time.Advance(TimeSpan.FromMinutes(30));
        table.TryBegin(Session("b", "tablet", time.GetUtcNow())).ShouldBeTrue();

        time.Advance(TimeSpan.FromMinutes(31));

        table.Snapshot().Select(s => s.CallId).ShouldBe(["b"]);
        changes.Last().Outcome.ShouldBe(PeerSessionOutcome.Expired);
        changes.Last().Session.CallId.ShouldBe("a");
        var counts = table.Counts();
        counts.Active.ShouldBe(1);
        counts.ByState[PeerSessionState.Inviting].ShouldBe(1);
        counts.Started.ShouldBe(2);
        counts.Ended[PeerSessionOutcome.Expired].ShouldBe(1);
    }

    [Fact]
    public void A_device_in_a_session_as_caller_or_callee_is_busy()
    {
        var time = new FakeTimeProvider();
        using var table = new PeerSessionTable(time, TimeSpan.FromHours(1));
        table.TryBegin(Session("a", "phone", time.GetUtcNow())).ShouldBeTrue();
        table.TryBegin(Session("b", "phone", time.GetUtcNow())).ShouldBeFalse();
        table.TryBegin(Session("c", "laptop", time.GetUtcNow())).ShouldBeFalse();
        table.TryBegin(Session("a", "tablet", time.GetUtcNow())).ShouldBeFalse();
        table.End("a", PeerSessionOutcome.Completed);
        table.TryBegin(Session("b", "phone", time.GetUtcNow())).ShouldBeTrue();
    }

    [Fact]
    public void A_session_only_moves_forward()
    {
        var time = new FakeTimeProvider();
        using var table = new PeerSessionTable(time, TimeSpan.FromHours(1));
        table.TryBegin(Session("a", "phone", time.GetUtcNow()));
        table.Update("a", PeerSessionState.Ending);
        table.Update("a", PeerSessionState.Established);
        table.Find("a")!.State.ShouldBe(PeerSessionState.Ending);
    }
}
