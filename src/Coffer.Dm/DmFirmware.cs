namespace Coffer.Dm;

/// <summary>Orders firmware versions: dot-separated parts, numerically where both are numbers, else ordinally.</summary>
public static class DmFirmware
{
    /// <summary>Whether <paramref name="candidate"/> is a later firmware than <paramref name="current"/>.</summary>
    public static bool IsNewer(string candidate, string current)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(current);
        var a = candidate.Split('.', '-', '_');
        var b = current.Split('.', '-', '_');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "0";
            var y = i < b.Length ? b[i] : "0";
            var order = long.TryParse(x, out var nx) && long.TryParse(y, out var ny)
                ? nx.CompareTo(ny)
                : string.CompareOrdinal(x, y);
            if (order != 0)
            {
                return order > 0;
            }
        }

        return false;
    }
}
