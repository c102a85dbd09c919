namespace Coffer.Sync.Notifications;

/// <summary>
/// How many of a window's sends leave in each of its minutes: each at its preferred minute when the capacity allows,
/// later when that minute is full, earlier only when the rest of the window could not carry the remainder; a used
/// minute carries at least the minimum batch, so its carrier mix can follow the shares.
/// </summary>
internal static class SlotFiller
{
    /// <param name="capacity">Per minute of the window, how many may leave.</param>
    /// <param name="preferred">Per minute of the window, how many of the sends prefer it.</param>
    /// <param name="sends">How many leave in the window; at most the sum of <paramref name="capacity"/>.</param>
    /// <param name="minimumBatch">The fewest a used minute carries (unless fewer remain).</param>
    public static int[] Fill(int[] capacity, int[] preferred, int sends, int minimumBatch)
    {
        var after = new long[capacity.Length + 1];
        for (var t = capacity.Length - 1; t >= 0; t--)
        {
            after[t] = after[t + 1] + capacity[t];
        }

        var counts = new int[capacity.Length];
        long arrived = 0;
        long sent = 0;
        for (var t = 0; t < capacity.Length && sent < sends; t++)
        {
            arrived += preferred[t];
            var remaining = sends - sent;
            var waiting = arrived - sent;
            var mustGo = remaining - after[t + 1];
            var count = Math.Max(waiting, mustGo);
            if (count > 0 && count < minimumBatch)
            {
                count = minimumBatch;
            }

            var rest = remaining - count;
            if (rest > 0 && rest < minimumBatch)
            {
                count = remaining;
            }

            count = Math.Min(Math.Min(count, capacity[t]), remaining);
            counts[t] = (int)Math.Max(count, 0);
            sent += counts[t];
        }

        return counts;
    }
}
