using Coffer.Agent.Consent;
using Spectre.Console;

namespace Coffer.Agent.Cli;

/// <summary>
/// Asks on the terminal before a costly transfer (seed 004 §5.2.5 steps 4–5): the connection, the estimated bytes,
/// and establish / defer / reject; defer is the default, so a stray Enter costs nothing.
/// </summary>
internal static class ConsentPrompt
{
    public static ConsentAnswer Ask(TransferEstimate estimate, ConnectionKind connection) =>
        Ask($"This device is on a {connection.ToString().ToLowerInvariant()} connection; charges may apply: {ByteSize.Describe(estimate)}.");

    /// <summary>Shows <paramref name="text"/> on the terminal and asks establish / defer / reject (default defer).</summary>
    public static ConsentAnswer Ask(string text)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.MarkupLine(Markup.Escape(text));
        var answer = console.Prompt(new TextPrompt<string>("Establish, defer (until an unmetered connection) or reject?")
            .AddChoices(["establish", "defer", "reject"])
            .DefaultValue("defer"));
        return answer switch
        {
            "establish" => ConsentAnswer.Establish,
            "reject" => ConsentAnswer.Reject,
            _ => ConsentAnswer.Defer,
        };
    }
}
