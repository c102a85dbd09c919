using System.Text;

namespace Coffer.Server.Metrics;

/// <summary>Writes metric families in the Prometheus text exposition format, version 0.0.4.</summary>
public static class PrometheusTextFormatter
{
    /// <summary>The Content-Type of a 0.0.4 text exposition.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// One "# HELP" and one "# TYPE" line per family, then its samples; every line ends with '\n'. Families with
    /// no samples are still announced, so a scraper sees every metric the server can produce.
    /// </summary>
    public static string Format(IEnumerable<MetricFamily> families)
    {
        var text = new StringBuilder();
        foreach (var family in families)
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(PrometheusNames.EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(TypeName(family.Type)).Append('\n');
            foreach (var sample in family.Samples)
            {
                text.Append(sample.Name);
                if (sample.Labels.Count > 0)
                {
                    text.Append('{');
                    for (var i = 0; i < sample.Labels.Count; i++)
                    {
                        if (i > 0)
                        {
                            text.Append(',');
                        }

                        text.Append(sample.Labels[i].Key).Append("=\"").Append(PrometheusNames.EscapeLabelValue(sample.Labels[i].Value)).Append('"');
                    }

                    text.Append('}');
                }

                text.Append(' ').Append(PrometheusNames.FormatValue(sample.Value)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        _ => "histogram",
    };
}
