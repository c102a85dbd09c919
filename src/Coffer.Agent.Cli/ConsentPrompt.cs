using Coffer.Agent.Consent;
using Spectre.Console;

namespace Coffer.Agent.Cli;

/// <summary>
/// Asks on the terminal before a costly transfer (seed 004 §5.2.5 steps 4–5): the connection, the estimated bytes,
/// and establish / defer / reject; defer is the default, so a stray Enter costs nothing.
/// </summary>
internal static class ConsentPrompt
{
    public static ConsentAnswer Ask(TransferEstimate estimate, ConnectionKind connection)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.MarkupLine(Markup.Escape($"This device is on a {connection.ToString().ToLowerInvariant()} connection; charges may apply: {ByteSize.Describe(estimate)}."));
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
