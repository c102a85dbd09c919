using System.CommandLine;
using Coffer.Agent.Card;
using Coffer.Agent.Config;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;
using Microsoft.Data.Sqlite;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>coffer-agent card sync FILE</c>: syncs the card's phone book with the configured server's contacts, the card
/// being its own device; progress on stderr and the usual summary.
/// </summary>
internal static class CardSyncCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = CardCommand.FileArgument();
        var command = new Command("sync", "two-way sync of the card with the configured server (a slow sync when the card's sync object and the server's do not match)") { file };
        command.SetAction(async (pr, ct) =>
        {
            if (ConfiguredAgent.Load(pr, global) is not var (output, home, config, password))
            {
                return ExitCodes.Usage;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            RunSummary summary;
            try
            {
                summary = await output.WithProgressAsync(progress =>
                    new CardSyncRunner(config, password, home.LoadAuth().Auth.Type, new HttpSyncTransport(http), progress, Path.Combine(home.Path, "spool"))
                        .RunAsync(pr.GetValue(file)!, ct));
            }
            catch (CardException ex)
            {
                output.Error(ex.Message);
                return ExitCodes.Usage;
            }
            catch (SqliteException ex)
            {
                output.Error($"card: {ex.Message}");
                return ExitCodes.Failed;
            }

            RunReport.Write(output, summary);
            return summary.ExitCode;
        });
        return command;
    }
}
