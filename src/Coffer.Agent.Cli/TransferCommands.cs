using System.CommandLine;
using System.Globalization;
using Coffer.Agent.Config;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Cli;

/// <summary><c>backup</c>, <c>sync</c> and <c>restore</c>: one session per datastore, progress on stderr, a summary at the end.</summary>
internal static class TransferCommands
{
    public static Command Backup(GlobalOptions global) =>
        Transfer(global, "backup", "send this device's changes to the server (one-way from the device; a slow sync the first time)", RunMode.Backup);

    public static Command Sync(GlobalOptions global) =>
        Transfer(global, "sync", "two-way sync with the server (a slow sync the first time)", RunMode.Sync);

    public static Command Restore(GlobalOptions global)
    {
        var to = new Option<string>("--to") { Description = "an empty (or new) directory to fill with everything the server holds", Required = true };
        return Transfer(global, "restore", "copy everything from the server into an empty directory (refresh from the server)", RunMode.Restore, to);
    }

    private static Command Transfer(GlobalOptions global, string name, string description, RunMode mode, Option<string>? to = null)
    {
        var datastores = new Argument<string[]>("datastore") { Description = "datastores (default: those configured)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(name, description) { datastores };
        if (to != null)
        {
            command.Options.Add(to);
        }

        command.SetAction(async (pr, ct) =>
        {
            var io = pr.InvocationConfiguration;
            var output = new Output(io.Output, io.Error, pr.GetValue(global.Json));
            var home = new AgentHome(pr.GetValue(global.Config)!);
            AgentConfig config;
            string password;
            try
            {
                (config, password) = home.Load();
            }
            catch (AgentConfigException ex)
            {
                output.Error(ex.Message);
                return ExitCodes.Usage;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var runner = new AgentRunner(home, config, password, new HttpSyncTransport(http), output.Progress);
            var summary = await runner.RunAsync(mode, pr.GetValue(datastores) ?? [], to == null ? null : Path.GetFullPath(pr.GetValue(to)!), ct);
            Report(output, summary);
            return summary.ExitCode;
        });
        return command;
    }

    private static void Report(Output output, RunSummary summary)
    {
        if (output.Json)
        {
            output.WriteJson(summary);
            return;
        }

        foreach (var failed in summary.Datastores.Where(d => d.Error != null))
        {
            output.Error($"{failed.Datastore}: {failed.Error}");
        }

        if (summary.Error != null)
        {
            output.Error(summary.Error);
        }

        if (summary.Datastores.Count == 0)
        {
            return;
        }

        output.Table(
            ["datastore", "mode", "new", "changed", "unchanged", "deleted", "refused", "received", "bytes sent"],
            [.. summary.Datastores.Select(d => new[] { d.Datastore, d.Mode, Num(d.New), Num(d.Changed), Num(d.Unchanged), Num(d.Deleted), Num(d.Refused + d.QuotaRefused), Num(d.ReceivedAdded + d.ReceivedChanged + d.ReceivedDeleted), Num(d.BytesSent) })]);
        output.Line(summary.ExitCode == ExitCodes.Ok
            ? $"{summary.Command}: done, {Num(summary.BytesSent)} bytes sent"
            : $"{summary.Command}: finished with exit code {Num(summary.ExitCode)}");
    }

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
