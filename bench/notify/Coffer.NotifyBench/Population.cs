using Coffer.Storage;
using Coffer.Sync.Notifications;

namespace Coffer.NotifyBench;

/// <summary>
/// The population of the planner's 14-night simulation test (which compiles this file too), at any size, the same
/// every run (a fixed seed): four carriers (45/30/20/5 %), three time zones (Tokyo 70 %, Berlin 20 %, UTC 10 %), daily
/// 40 %, weekly 50 % (four in ten on the first night), none 10 %, preferred hours skewed to 02:00.
/// </summary>
internal static class Population
{
    public static readonly string[] Carriers = ["docomo", "au", "softbank", ""];
    public static readonly string[] Zones = ["Asia/Tokyo", "Europe/Berlin", "UTC"];

    public static Subscriber[] Generate(int count, DateOnly firstNight)
    {
        var random = new Random(18);
        var result = new Subscriber[count];
        for (var i = 0; i < count; i++)
        {
            var r = random.NextDouble();
            var carrier = Carriers[r < 0.45 ? 0 : r < 0.75 ? 1 : r < 0.95 ? 2 : 3];
            r = random.NextDouble();
            var zone = Zones[r < 0.7 ? 0 : r < 0.9 ? 1 : 2];
            r = random.NextDouble();
            var interval = r < 0.4 ? SyncInterval.Daily : r < 0.9 ? SyncInterval.Weekly : SyncInterval.None;
            r = random.NextDouble();
            var hour = r < 0.5 ? 2 : r < 0.7 ? 3 : r < 0.8 ? 1 : r < 0.9 ? 4 : r < 0.95 ? 23 : 7;
            DateOnly? nextDue = interval == SyncInterval.Weekly
                ? firstNight.AddDays(random.NextDouble() < 0.4 ? 0 : random.Next(7))
                : null;
            result[i] = new Subscriber(i + 1, carrier, interval, hour, zone, nextDue);
        }

        return result;
    }
}
