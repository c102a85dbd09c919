using System.Globalization;

namespace Coffer.LoadBench.Load;

/// <summary>The server's own figure from its Prometheus endpoint: <c>coffer_process_cpu_seconds_total</c> (docs/operations.md).</summary>
public sealed class MetricsCpuProbe(HttpClient client, Uri metricsUrl) : IServerCpuProbe
{
    private const string Series = "coffer_process_cpu_seconds_total ";

    public async Task<double?> ReadSecondsAsync(CancellationToken ct)
    {
        try
        {
            var text = await client.GetStringAsync(metricsUrl, ct);
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(Series, StringComparison.Ordinal));
            return line != null && double.TryParse(line[Series.Length..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
