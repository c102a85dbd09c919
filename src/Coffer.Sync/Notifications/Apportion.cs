namespace Coffer.Sync.Notifications;

/// <summary>Largest-remainder apportionment: whole shares of a total, each within one of its exact proportion.</summary>
internal static class Apportion
{
    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/>; ties go to the lower index.</summary>
    public static int[] Split(long total, IReadOnlyList<long> weights)
    {
        var result = new int[weights.Count];
        long sum = 0;
        foreach (var w in weights)
        {
            sum += w;
        }

        if (sum == 0 || total == 0)
        {
            return result;
        }

        var remainders = new (long Remainder, int Index)[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = Math.BigMul(total, weights[i]);
            result[i] = (int)(exact / sum);
            remainders[i] = ((long)(exact % sum), i);
            given += result[i];
        }

        Array.Sort(remainders, (a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Index.CompareTo(b.Index));
        for (var i = 0; given < total; i++, given++)
        {
            result[remainders[i].Index]++;
        }

        return result;
    }
}
