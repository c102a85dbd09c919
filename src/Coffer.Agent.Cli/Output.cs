using System.Text.Json;
using System.Text.Json.Serialization;
using Coffer.Agent.Runs;
using Spectre.Console;

namespace Coffer.Agent.Cli;

/// <summary>
/// Where a verb writes: human-readable text through Spectre.Console (plain when not a terminal) or one JSON document
/// on stdout; progress (bars on a terminal, lines otherwise), prompts and errors on stderr.
/// </summary>
internal sealed class Output(TextWriter stdout, TextWriter stderr, bool json)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonSerializerOptions JsonLineOptions = new(JsonOptions) { WriteIndented = false };

    public bool Json => json;

    private readonly bool terminal = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;

    /// <summary>Whether stderr is a terminal: progress bars and prompts go there.</summary>
    public bool ErrorIsTerminal { get; } = ReferenceEquals(stderr, System.Console.Error) && !System.Console.IsErrorRedirected;

    /// <summary>Runs <paramref name="work"/> with progress bars on a terminal, or plain lines every few seconds otherwise.</summary>
    public Task<T> WithProgressAsync<T>(Func<IRunProgress, Task<T>> work) => ErrorIsTerminal
        ? SpectreRunProgress.RunAsync(stderr, work)
        : work(new PlainRunProgress(stderr, TimeProvider.System, TimeSpan.FromSeconds(5)));

    public void Progress(string line) => stderr.WriteLine(line);

    public void Error(string message) => stderr.WriteLine($"coffer-agent: error: {message}");

    public void WriteJson<T>(T value) => stdout.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>One compact JSON document on a line of its own (JSON Lines, for a verb that reports many events).</summary>
    public void WriteJsonLine<T>(T value) => stdout.WriteLine(JsonSerializer.Serialize(value, JsonLineOptions));

    public void Line(string text) => stdout.WriteLine(text);

    /// <summary>A table: drawn by Spectre.Console on a terminal, plain space-aligned columns otherwise (for pipes and logs).</summary>
    public void Table(string[] headers, IReadOnlyList<string[]> rows)
    {
        if (terminal)
        {
            var table = new Table().AddColumns(headers);
            foreach (var row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) }).Write(table);
            return;
        }

        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        stdout.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            stdout.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
