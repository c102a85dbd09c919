using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Coffer.Agent.Cli;

/// <summary>
/// Where a verb writes: human-readable text through Spectre.Console (plain when not a terminal) or one JSON document
/// on stdout; progress lines and errors on stderr.
/// </summary>
internal sealed class Output(TextWriter stdout, TextWriter stderr, bool json)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public bool Json => json;

    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stdout),
        Ansi = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    public void Progress(string line) => stderr.WriteLine(line);

    public void Error(string message) => stderr.WriteLine($"coffer-agent: error: {message}");

    public void WriteJson<T>(T value) => stdout.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public void Line(string text) => stdout.WriteLine(text);
}
