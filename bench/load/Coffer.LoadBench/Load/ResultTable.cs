using System.Globalization;

namespace Coffer.LoadBench.Load;

/// <summary>Prints phase results as one Markdown table (aligned, so it reads as plain text too) and the error samples.</summary>
public static class ResultTable
{
    private static readonly string[] Header =
        ["phase", "phones", "sessions", "errors", "wall s", "sessions/s", "messages", "msgs/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "server CPU s", "server CPU %", "bench CPU s", "load avg"];

    public static void Write(TextWriter output, IReadOnlyList<PhaseResult> results)
    {
        var rows = new List<string[]> { Header };
        rows.AddRange(results.Select(Row));
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            output.WriteLine("| " + string.Join(" | ", rows[i].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |");
            if (i == 0)
            {
                output.WriteLine("|" + string.Join("|", widths.Select((w, c) => c == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
            }
        }

        foreach (var r in results.Where(r => r.ErrorSamples.Count > 0))
        {
            output.WriteLine();
            output.WriteLine($"{r.Phase}: {r.Errors} failed sessions; the first ones:");
            foreach (var sample in r.ErrorSamples)
            {
                output.WriteLine("  " + sample);
            }
        }
    }

    private static string[] Row(PhaseResult r) =>
    [
        r.Phase,
        N(r.Phones),
        N(r.Sessions),
        N(r.Errors),
        F(r.Wall.TotalSeconds, 1),
        F(r.SessionsPerSecond, 1),
        N(r.Messages),
        F(r.MessagesPerSecond, 1),
        F(r.Percentile(50), 1),
        F(r.Percentile(95), 1),
        F(r.Percentile(99), 1),
        F(r.Percentile(100), 1),
        r.ServerCpuSeconds is { } s ? F(s, 2) : "-",
        r.ServerCpuPercent is { } p ? F(p, 0) : "-",
        F(r.BenchCpuSeconds, 2),
        r.LoadAverage,
    ];

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double x, int decimals) => x.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
