using System.CommandLine;
using Coffer.Cli.Commands;
using Coffer.Cli.Configuration;

namespace Coffer.Cli;

/// <summary>The <c>coffer</c> command tree, shared by the executable and the tests that run its verbs in process.</summary>
internal static class CofferCli
{
    /// <param name="settings">The server settings the store verbs fall back to; default: those of the current directory and the environment.</param>
    public static RootCommand Create(ServerSettings? settings = null)
    {
        settings ??= ServerSettings.FromEnvironment();
        return new("coffer — administration and inspection for the Coffer personal data storage server")
        {
            SyncMLCommands.Create(),
            SanCommands.Create(),
            UserCommands.Create(new StoreSelection(settings)),
            CheckCommand.Create(new StoreSelection(settings)),
            KeyCommands.Create(new StoreSelection(settings)),
            AreaCommands.Create(new StoreSelection(settings), settings),
            HistoryCommands.Create(new StoreSelection(settings), settings),
            QuotaCommands.Create(new StoreSelection(settings), settings),
            BackupCommands.Create(new StoreSelection(settings), settings),
        };
    }
}
