using Coffer.Storage;

namespace Coffer.Sync.Notifications;

/// <summary>
/// Plans one night of server-alerted syncs (docs/notifications.md; seed 000 §5.4): who is due, in which minute each
/// notification leaves, what is postponed. Pure: the same subscribers and night give the same plan.
/// </summary>
/// <remarks>
/// Subscribers are grouped by where their window starts in UTC (zones with the same offset share one). Each minute's
/// capacity is split among the windows open in it by their demand. In each window the due subscribers are ranked
/// (postponed ones first, oldest first, then by preferred minute); each carrier gets a quota of tonight's sends in
/// proportion to its share of the due, takes it from the head of its own ranking, and the quotas are interleaved
/// (<see cref="CarrierInterleave"/>) and laid onto the minutes (<see cref="SlotFiller"/>). The rest is postponed.
/// </remarks>
public sealed class NightPlanner
{
    private readonly NotificationPlanOptions options;

    public NightPlanner(NotificationPlanOptions options)
    {
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        this.options = options;
    }

    public NightPlan Plan(DateOnly night, IReadOnlyList<Subscriber> subscribers)
    {
        var windows = new NightWindows(night, options.WindowStart);
        var carriers = new Dictionary<string, int>(StringComparer.Ordinal);
        var carrierNames = new List<string>();
        var groups = new Dictionary<DateTimeOffset, List<Candidate>>();
        for (var i = 0; i < subscribers.Count; i++)
        {
            var s = subscribers[i];
            if (s.Interval == SyncInterval.None)
            {
                continue;
            }

            var due = s.NextDue ?? FirstDue(s, night);
            if (due > night)
            {
                continue;
            }

            var carrier = s.Carrier ?? "";
            if (!carriers.TryGetValue(carrier, out var c))
            {
                c = carriers.Count;
                carriers.Add(carrier, c);
                carrierNames.Add(carrier);
            }

            var start = windows.StartOf(s.TimeZone);
            if (!groups.TryGetValue(start, out var list))
            {
                groups[start] = list = [];
            }

            // Postponed ones go ahead of the night's own load (seed 000 §5.4), so they prefer the window's first minute.
            list.Add(new Candidate(i, s.Id, due.DayNumber, due < night ? 0 : PreferredMinute(s.NightHour), c));
        }

        if (groups.Count == 0)
        {
            return new NightPlan(night, [], []);
        }

        var starts = groups.Keys.Order().ToArray();
        var offsets = starts.Select(s => (int)(s - starts[0]).TotalMinutes).ToArray();
        var capacities = SplitCapacity(offsets, starts.Select(s => (long)groups[s].Count).ToArray());
        var sends = new List<PlannedSend>();
        var postponed = new List<PostponedSend>();
        for (var g = 0; g < starts.Length; g++)
        {
            PlanWindow(night, starts[g], groups[starts[g]], capacities[g], subscribers, carrierNames, sends, postponed);
        }

        sends.Sort((a, b) => a.SendAt != b.SendAt ? a.SendAt.CompareTo(b.SendAt) : a.UserId.CompareTo(b.UserId));
        return new NightPlan(night, sends, postponed);
    }

    /// <summary>The first night a subscriber never planned before is due: tonight when daily; when weekly, a weekday
    /// chosen by the user id, so weekly subscribers spread over the week.</summary>
    public static DateOnly FirstDue(Subscriber subscriber, DateOnly night)
    {
        if (subscriber.Interval != SyncInterval.Weekly)
        {
            return night;
        }

        var wanted = (int)(((subscriber.Id % 7) + 7) % 7);
        var ahead = ((wanted - (night.DayNumber % 7)) + 7) % 7;
        return night.AddDays(ahead);
    }

    /// <summary>The night after a notification due on <paramref name="due"/> was sent on <paramref name="night"/>.</summary>
    public static DateOnly NextDue(SyncInterval interval, DateOnly due, DateOnly night)
    {
        var next = due.AddDays(interval == SyncInterval.Weekly ? 7 : 1);
        return next > night ? next : night.AddDays(1);
    }

    /// <summary>The minute of the window a preferred hour falls on; an hour outside moves to the nearer end.</summary>
    internal int PreferredMinute(int hour)
    {
        var window = options.WindowMinutes;
        var startMinute = (options.WindowStart.Hour * 60) + options.WindowStart.Minute;
        var offset = ((((hour * 60) - startMinute) % 1440) + 1440) % 1440;
        if (offset < window)
        {
            return offset;
        }

        var pastEnd = offset - window + 1;
        var beforeStart = 1440 - offset;
        return pastEnd < beforeStart ? Math.Max(0, window - 60) : 0;
    }

    private int[][] SplitCapacity(int[] offsets, long[] demand)
    {
        var window = options.WindowMinutes;
        var result = offsets.Select(_ => new int[window]).ToArray();
        var slotCount = offsets[^1] + window;
        var covering = new List<int>();
        var weights = new List<long>();
        for (var t = 0; t < slotCount; t++)
        {
            covering.Clear();
            weights.Clear();
            for (var g = 0; g < offsets.Length; g++)
            {
                if (t >= offsets[g] && t < offsets[g] + window)
                {
                    covering.Add(g);
                    weights.Add(demand[g]);
                }
            }

            var shares = Apportion.Split(options.CapacityPerMinute, weights);
            for (var k = 0; k < covering.Count; k++)
            {
                result[covering[k]][t - offsets[covering[k]]] = shares[k];
            }
        }

        return result;
    }

    private void PlanWindow(
        DateOnly night,
        DateTimeOffset start,
        List<Candidate> due,
        int[] capacity,
        IReadOnlyList<Subscriber> subscribers,
        List<string> carrierNames,
        List<PlannedSend> sends,
        List<PostponedSend> postponed)
    {
        due.Sort(Candidate.Compare);
        long available = capacity.Sum(c => (long)c);
        var sendCount = (int)Math.Min(due.Count, available);
        var perCarrier = new long[carrierNames.Count];
        foreach (var c in due)
        {
            perCarrier[c.Carrier]++;
        }

        var quotas = Apportion.Split(sendCount, perCarrier);
        var queues = quotas.Select(q => new int[q]).ToArray();
        var taken = new int[carrierNames.Count];
        var preferred = new int[capacity.Length];
        for (var i = 0; i < due.Count; i++)
        {
            var c = due[i];
            if (taken[c.Carrier] < quotas[c.Carrier])
            {
                queues[c.Carrier][taken[c.Carrier]++] = i;
                preferred[c.PreferredMinute]++;
            }
            else
            {
                postponed.Add(new PostponedSend(c.Id, DateOnly.FromDayNumber(c.DueDay), carrierNames[c.Carrier]));
            }
        }

        var order = CarrierInterleave.Merge(queues);
        var counts = SlotFiller.Fill(capacity, preferred, sendCount, options.MinimumSlotSends);
        var next = 0;
        for (var t = 0; t < counts.Length; t++)
        {
            var at = start.AddMinutes(t);
            for (var k = 0; k < counts[t]; k++)
            {
                var c = due[order[next++]];
                var dueNight = DateOnly.FromDayNumber(c.DueDay);
                var interval = subscribers[c.Index].Interval;
                sends.Add(new PlannedSend(c.Id, at, dueNight, NextDue(interval, dueNight, night), carrierNames[c.Carrier]));
            }
        }
    }

    private readonly record struct Candidate(int Index, long Id, int DueDay, int PreferredMinute, int Carrier)
    {
        public static int Compare(Candidate a, Candidate b) =>
            a.DueDay != b.DueDay ? a.DueDay.CompareTo(b.DueDay)
            : a.PreferredMinute != b.PreferredMinute ? a.PreferredMinute.CompareTo(b.PreferredMinute)
            : a.Id.CompareTo(b.Id);
    }
}
