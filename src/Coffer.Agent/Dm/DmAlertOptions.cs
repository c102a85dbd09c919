using System.Globalization;

namespace Coffer.Agent.Dm;

/// <summary>
/// The options item of a user-interaction alert (OMA-TS-DM_Protocol-V1_2 §6.6.8.1 "User Interaction Alert options"):
/// <c>MINDT=10&amp;MAXDT=30&amp;DR=1&amp;MAXLEN=20</c>, each <c>NAME=VALUE</c>, <c>&amp;</c> between them.
/// </summary>
public sealed class DmAlertOptions
{
    private readonly Dictionary<string, string> values;

    private DmAlertOptions(Dictionary<string, string> values) => this.values = values;

    public static DmAlertOptions Parse(string? text) => new((text ?? string.Empty)
        .Split('&', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(p => p.Split('=', 2))
        .Where(p => p.Length == 2)
        .GroupBy(p => p[0].ToUpperInvariant())
        .ToDictionary(g => g.Key, g => Uri.UnescapeDataString(g.Last()[1])));

    /// <summary>DR: the default response (a text, or the 1-based number of a choice).</summary>
    public string? DefaultResponse => values.GetValueOrDefault("DR");

    /// <summary>MAXDT: seconds the user has to answer; a timeout counts as defer for a confirm (docs/device-management.md "Consent").</summary>
    public int? MaxDisplaySeconds => values.TryGetValue("MAXDT", out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>MAXLEN: the longest text input accepted.</summary>
    public int? MaxLength => values.TryGetValue("MAXLEN", out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
