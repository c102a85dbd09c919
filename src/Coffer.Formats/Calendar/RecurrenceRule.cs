using System.Globalization;

namespace Coffer.Formats.Calendar;

/// <summary>
/// An RFC 5545 RECUR value (§3.3.10) split into its rule parts, order kept so an unconverted rule is
/// written back as it came. <see cref="VCalendarRecurrence"/> converts to and from the vCalendar 1.0 grammar.
/// </summary>
public sealed class RecurrenceRule
{
    private static readonly HashSet<string> KnownParts =
    [
        "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY",
        "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST", "RSCALE", "SKIP",
    ];

    private static readonly HashSet<string> Frequencies = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"];

    private readonly List<KeyValuePair<string, string>> parts;

    public RecurrenceRule(IEnumerable<KeyValuePair<string, string>> parts)
    {
        this.parts = [.. parts];
    }

    /// <summary>The rule parts in their original order, names upper-case.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parts => parts;

    public string Frequency => Get("FREQ") ?? string.Empty;

    /// <summary>INTERVAL, 1 when absent (§3.3.10).</summary>
    public int Interval => int.TryParse(Get("INTERVAL"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;

    public int? Count => int.TryParse(Get("COUNT"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public string? Until => Get("UNTIL");

    public IReadOnlyList<string> ByDay => List("BYDAY");

    public IReadOnlyList<string> ByMonthDay => List("BYMONTHDAY");

    public IReadOnlyList<string> ByMonth => List("BYMONTH");

    public IReadOnlyList<string> ByYearDay => List("BYYEARDAY");

    /// <summary>
    /// Parses "FREQ=WEEKLY;INTERVAL=1;BYDAY=TH;UNTIL=...". Strict demands FREQ exactly once, known part
    /// names (or X-names), no repeated part and not both COUNT and UNTIL (§3.3.10); Loose accepts
    /// lower case, empty parts and keeps the first of repeated parts.
    /// </summary>
    public static RecurrenceRule Parse(string text, ParserCompliance compliance = ParserCompliance.Loose)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<KeyValuePair<string, string>>();
        foreach (var raw in text.Trim().Split(';'))
        {
            if (raw.Length == 0 && compliance == ParserCompliance.Loose)
            {
                continue;
            }

            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new PimFormatException($"Invalid recurrence rule part '{raw}' in '{text}'.");
            }

            var name = raw[..eq].Trim();
            var value = raw[(eq + 1)..].Trim();
            if (compliance == ParserCompliance.Loose)
            {
                name = name.ToUpperInvariant();
                if (name is "FREQ" or "BYDAY" or "WKST")
                {
                    value = value.ToUpperInvariant();
                }
            }

            if (list.Exists(p => p.Key == name))
            {
                if (compliance == ParserCompliance.Strict)
                {
                    throw new PimFormatException($"Recurrence rule part {name} repeated in '{text}'.");
                }

                continue;
            }

            if (compliance == ParserCompliance.Strict && !KnownParts.Contains(name) && !name.StartsWith("X-", StringComparison.Ordinal))
            {
                throw new PimFormatException($"Unknown recurrence rule part {name} in '{text}'.");
            }

            list.Add(new(name, value));
        }

        var rule = new RecurrenceRule(list);
        if (!Frequencies.Contains(rule.Frequency))
        {
            throw new PimFormatException($"Recurrence rule without a valid FREQ: '{text}'.");
        }

        if (compliance == ParserCompliance.Strict && rule.Get("COUNT") is not null && rule.Until is not null)
        {
            throw new PimFormatException($"Recurrence rule with both COUNT and UNTIL: '{text}'.");
        }

        return rule;
    }

    /// <summary>The value of a rule part, or null.</summary>
    public string? Get(string name)
    {
        foreach (var p in parts)
        {
            if (string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    public override string ToString() => string.Join(';', parts.Select(p => p.Key + "=" + p.Value));

    private List<string> List(string name) =>
        Get(name) is { Length: > 0 } v ? [.. v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [];
}
