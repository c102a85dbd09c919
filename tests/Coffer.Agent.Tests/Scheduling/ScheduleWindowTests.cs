using Coffer.Agent.Scheduling;

namespace Coffer.Agent.Tests.Scheduling;

/// <summary>The schedule's window: inside or not, which night an hour belongs to, and when the next one opens.</summary>
public sealed class ScheduleWindowTests
{
    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void The_default_window_is_midnight_to_six()
    {
        var w = ScheduleWindow.Default;
        w.OccurrenceStart(At(8, 0)).ShouldBe(At(8, 0));
        w.OccurrenceStart(At(8, 5, 59)).ShouldBe(At(8, 0));
        w.OccurrenceStart(At(8, 6)).ShouldBeNull();
        w.OccurrenceStart(At(8, 23)).ShouldBeNull();
        w.NextStart(At(8, 3)).ShouldBe(At(9, 0));
        w.NextStart(At(8, 23)).ShouldBe(At(9, 0));
    }

    [Fact]
    public void A_window_past_midnight_belongs_to_the_night_it_starts()
    {
        ScheduleWindow.TryParse("22:00-02:00", out var w).ShouldBeTrue();
        w.Length.ShouldBe(TimeSpan.FromHours(4));
        w.OccurrenceStart(At(8, 23)).ShouldBe(At(8, 22));
        w.OccurrenceStart(At(9, 1)).ShouldBe(At(8, 22));
        w.OccurrenceStart(At(9, 2)).ShouldBeNull();
        w.OccurrenceStart(At(9, 12)).ShouldBeNull();
        w.NextStart(At(9, 1)).ShouldBe(At(9, 22));
    }

    [Fact]
    public void Bad_windows_are_refused()
    {
        ScheduleWindow.TryParse("25:00-03:00", out _).ShouldBeFalse();
        ScheduleWindow.TryParse("01:00", out _).ShouldBeFalse();
        ScheduleWindow.TryParse("1:30-4:00", out var w).ShouldBeTrue();
        w.ToString().ShouldBe("01:30-04:00");
    }
}
