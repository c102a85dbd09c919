using Coffer.Storage;
using Coffer.NotifyBench;
using Coffer.Sync.Notifications;
using Xunit.Abstractions;

namespace Coffer.Sync.Tests.Notifications;

/// <summary>
/// A million subscribers over 14 nights, preferences skewed towards 02:00, weekly subscribers crowding one weekday,
/// three time zones and four carriers of unequal size, and less capacity than the busiest nights need.
/// </summary>
public sealed class NightPlannerSimulationTests(ITestOutputHelper output)
{
    private const int Subscribers = 1_000_000;
    private const int Nights = 14;
    private const int Capacity = 1450;

    private static readonly string[] Carriers = Population.Carriers;
    private static readonly string[] Zones = Population.Zones;

    [Fact]
    public void Fourteen_nights_keep_capacity_carrier_shares_and_bounded_delays()
    {
        var options = new NotificationPlanOptions { CapacityPerMinute = Capacity };
        var planner = new NightPlanner(options);
        var firstNight = new DateOnly(2026, 1, 5);
        var subscribers = Population.Generate(Subscribers, firstNight);
        var zoneOf = subscribers.ToDictionary(s => s.Id, s => s.TimeZone);
        var index = subscribers.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var longestDelay = 0;
        long totalPostponed = 0;
        var congestedNights = 0;

        for (var n = 0; n < Nights; n++)
        {
            var night = firstNight.AddDays(n);
            var due = DueByZoneAndCarrier(subscribers, night, out var dueCount);
            var plan = planner.Plan(night, subscribers);

            (plan.Sends.Count + plan.Postponed.Count).ShouldBe(dueCount, "every due subscriber is sent or postponed");
            plan.Sends.Select(s => s.UserId).Concat(plan.Postponed.Select(p => p.UserId)).Distinct().Count().ShouldBe(dueCount);

            foreach (var minute in plan.Sends.GroupBy(s => s.SendAt))
            {
                minute.Count().ShouldBeLessThanOrEqualTo(Capacity, $"minute {minute.Key:O}");
            }

            foreach (var slot in plan.Sends.GroupBy(s => (zoneOf[s.UserId] == "UTC" ? "UTC" : zoneOf[s.UserId], s.SendAt)))
            {
                var zoneDue = due[slot.Key.Item1];
                var zoneTotal = zoneDue.Values.Sum();
                var slotTotal = slot.Count();
                foreach (var carrier in zoneDue.Keys)
                {
                    var inSlot = slot.Count(s => s.Carrier == carrier) / (double)slotTotal;
                    var inDue = zoneDue[carrier] / (double)zoneTotal;
                    Math.Abs(inSlot - inDue).ShouldBeLessThanOrEqualTo(0.01, $"carrier '{carrier}' at {slot.Key.SendAt:O} ({slot.Key.Item1}, {slotTotal} sends)");
                }
            }

            foreach (var send in plan.Sends)
            {
                longestDelay = Math.Max(longestDelay, night.DayNumber - send.Due.DayNumber);
                var i = index[send.UserId];
                subscribers[i] = subscribers[i] with { NextDue = send.NextDue };
            }

            foreach (var p in plan.Postponed)
            {
                var i = index[p.UserId];
                subscribers[i] = subscribers[i] with { NextDue = p.Due };
            }

            totalPostponed += plan.Postponed.Count;
            congestedNights += plan.Postponed.Count > 0 ? 1 : 0;
            output.WriteLine($"{night:yyyy-MM-dd}: due {dueCount}, sent {plan.Sends.Count}, postponed {plan.Postponed.Count}");
        }

        output.WriteLine($"longest delay {longestDelay} nights; {totalPostponed} postponements over {congestedNights} congested nights");
        congestedNights.ShouldBeGreaterThan(0, "the simulation must run short of capacity");
        longestDelay.ShouldBeLessThanOrEqualTo(3);
    }

    private static Dictionary<string, Dictionary<string, int>> DueByZoneAndCarrier(Subscriber[] subscribers, DateOnly night, out int total)
    {
        var result = Zones.ToDictionary(z => z, _ => Carriers.ToDictionary(c => c, _ => 0));
        total = 0;
        foreach (var s in subscribers)
        {
            if (s.Interval != SyncInterval.None && (s.NextDue ?? NightPlanner.FirstDue(s, night)) <= night)
            {
                result[s.TimeZone][s.Carrier]++;
                total++;
            }
        }

        return result;
    }
}
