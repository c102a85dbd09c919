namespace Coffer.Sync.Notifications;

/// <summary>
/// Merges the carriers' queues into one sending order in which every stretch holds each carrier in proportion to its
/// quota (seed 000 §5.4: notifications must not concentrate on particular subscription companies). The i-th of q
/// entries of a carrier sits at (i + ½) / q of the way along, so any run of n entries holds each carrier within a few
/// entries of n × its share; within a carrier the queue's own order is kept.
/// </summary>
internal static class CarrierInterleave
{
    /// <param name="queues">Per carrier, the entries in the order they should go.</param>
    public static int[] Merge(IReadOnlyList<int[]> queues)
    {
        var total = 0;
        foreach (var q in queues)
        {
            total += q.Length;
        }

        var positions = new Position[total];
        var n = 0;
        for (var c = 0; c < queues.Count; c++)
        {
            var length = queues[c].Length;
            for (var i = 0; i < length; i++)
            {
                positions[n++] = new Position(2L * i + 1, 2L * length, c, i);
            }
        }

        Array.Sort(positions, Position.Compare);
        var result = new int[total];
        for (var j = 0; j < total; j++)
        {
            result[j] = queues[positions[j].Carrier][positions[j].Index];
        }

        return result;
    }

    private readonly record struct Position(long Numerator, long Denominator, int Carrier, int Index)
    {
        // Exact comparison of the fractions; equal places keep carrier order, so the merge is deterministic.
        public static int Compare(Position a, Position b)
        {
            var byPlace = (a.Numerator * b.Denominator).CompareTo(b.Numerator * a.Denominator);
            return byPlace != 0 ? byPlace : a.Carrier != b.Carrier ? a.Carrier.CompareTo(b.Carrier) : a.Index.CompareTo(b.Index);
        }
    }
}
