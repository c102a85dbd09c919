using System.CommandLine;

namespace Coffer.Agent.Cli;

/// <summary>The <c>coffer-agent</c> command tree, shared by the executable and the tests that run it in process.</summary>
internal static class AgentCli
{
    /// <param name="input">Where <c>init --password-stdin</c> reads the password.</param>
    /// <param name="interactive">Whether <c>init</c> may prompt for the password, and a run on a metered connection for consent, on the terminal.</param>
    /// <param name="time">The schedule's clock (default the system's).</param>
    public static RootCommand Create(TextReader input, bool interactive, TimeProvider? time = null)
    {
        var options = new GlobalOptions();
        var root = new RootCommand("coffer-agent — back up and sync this device's contacts, calendar, tasks and notes with a Coffer server, on a schedule if you like (docs/agent.md)")
        {
            InitCommand.Create(options, input, interactive),
            StatusCommand.Create(options),
            AppDataCommand.Create(options),
            TransferCommands.Backup(options, interactive),
            TransferCommands.Sync(options, interactive),
            TransferCommands.Restore(options, interactive),
            ScheduleCommand.Create(options, time ?? TimeProvider.System),
            CardCommand.Create(options),
            ProfileCommand.Create(options, interactive),
            ListenCommand.Create(options),
            DmCommand.Create(options, interactive),
            PeerCommand.Create(options),
        };
        root.Options.Add(options.Config);
        root.Options.Add(options.Json);
        return root;
    }
}
