using System.Globalization;
using System.Text;

namespace Coffer.Server.Metrics;

/// <summary>
/// Names and values in the Prometheus text exposition format 0.0.4: metric names [a-zA-Z_:][a-zA-Z0-9_:]*,
/// label names [a-zA-Z_][a-zA-Z0-9_]*, escaping of label values and HELP text, Go-style float values.
/// </summary>
public static class PrometheusNames
{
    /// <summary>
    /// The exported name of an instrument: dots and other invalid characters become '_', the unit adds a base-unit
    /// suffix ("s" → _seconds, "ms" → _milliseconds, "By" → _bytes; "{annotation}" units add none) and counters
    /// end in _total, as the OpenTelemetry-to-Prometheus conventions do.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, MetricType type)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }

        if (type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>A valid label name; names starting with "__" are reserved for Prometheus and get a prefix.</summary>
    public static string LabelName(string tagName)
    {
        var name = Sanitize(tagName, allowColon: false);
        return name.StartsWith("__", StringComparison.Ordinal) ? "tag" + name : name;
    }

    /// <summary>Label value escaping: backslash, double quote and line feed (format 0.0.4).</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>HELP text escaping: backslash and line feed only (format 0.0.4).</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A sample value as Go's ParseFloat reads it: shortest round-trip form, +Inf, -Inf, NaN.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Sanitize(string raw, bool allowColon)
    {
        if (raw.Length == 0)
        {
            return "_";
        }

        var builder = new StringBuilder(raw.Length + 1);
        foreach (var c in raw)
        {
            var valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (allowColon && c == ':');
            builder.Append(valid ? c : '_');
        }

        if (char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
