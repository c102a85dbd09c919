using System.Globalization;

namespace Coffer.Agent.Profile;

/// <summary>
/// Orders firmware and software versions as people write them: dot- or dash-separated parts, numbers compared as
/// numbers (<c>2.10</c> after <c>2.9</c>), other parts as text.
/// </summary>
public static class VersionOrder
{
    public static int Compare(string? a, string? b)
    {
        var x = Parts(a);
        var y = Parts(b);
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var p = i < x.Length ? x[i] : "0";
            var q = i < y.Length ? y[i] : "0";
            var order = long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && long.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? m.CompareTo(n)
                : string.Compare(p, q, StringComparison.OrdinalIgnoreCase);
            if (order != 0)
            {
                return Math.Sign(order);
            }
        }

        return 0;
    }

    private static string[] Parts(string? version) => (version ?? string.Empty).Trim().Split(['.', '-', '_'], StringSplitOptions.RemoveEmptyEntries);
}
