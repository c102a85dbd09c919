using System.CommandLine;
using Coffer.Agent.Config;
using Coffer.Agent.Consent;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Cli;

/// <summary>
/// <c>backup</c>, <c>sync</c> and <c>restore</c>: one session per datastore, behind consent on a metered or roaming
/// connection, progress on stderr, a summary at the end.
/// </summary>
internal static class TransferCommands
{
    public static Command Backup(GlobalOptions global, bool interactive) =>
        Transfer(global, interactive, "backup", "send this device's changes to the server (one-way from the device; a slow sync the first time)", RunMode.Backup);

    public static Command Sync(GlobalOptions global, bool interactive) =>
        Transfer(global, interactive, "sync", "two-way sync with the server (a slow sync the first time)", RunMode.Sync);

    public static Command Restore(GlobalOptions global, bool interactive)
    {
        var to = new Option<string>("--to") { Description = "an empty (or new) directory to fill with everything the server holds", Required = true };
        return Transfer(global, interactive, "restore", "copy everything from the server into an empty directory (refresh from the server)", RunMode.Restore, to);
    }

    private static Command Transfer(GlobalOptions global, bool interactive, string name, string description, RunMode mode, Option<string>? to = null)
    {
        var datastores = new Argument<string[]>("datastore") { Description = "datastores (default: those configured)", Arity = ArgumentArity.ZeroOrMore };
        var consent = new ConsentOptions();
        var command = new Command(name, description) { datastores };
        consent.AddTo(command);
        if (to != null)
        {
            command.Options.Add(to);
        }

        command.SetAction(async (pr, ct) =>
        {
            if (ConfiguredAgent.Load(pr, global) is not { } agent)
            {
                return ExitCodes.Usage;
            }

            var request = new RunRequest(mode, pr.GetValue(datastores) ?? [], to == null ? null : Path.GetFullPath(pr.GetValue(to)!));
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var output = agent.Output;
            var summary = await output.WithProgressAsync(progress => agent.Runner(pr, consent, interactive, http, progress).RunAsync(request, ct));
            RunReport.Write(output, summary);
            return summary.ExitCode;
        });
        return command;
    }
}
