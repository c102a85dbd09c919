using System.CommandLine;
using Coffer.Cli.Commands;

namespace Coffer.Cli;

/// <summary>The <c>coffer</c> command tree, shared by the executable and the tests that run its verbs in process.</summary>
internal static class CofferCli
{
    public static RootCommand Create() => new("coffer — administration and inspection for the Coffer personal data storage server")
    {
        SyncMLCommands.Create(),
        SanCommands.Create(),
        UserCommands.Create(),
        CheckCommand.Create(),
        KeyCommands.Create(),
        AreaCommands.Create(),
        HistoryCommands.Create(),
        QuotaCommands.Create(),
        BackupCommands.Create(),
    };
}
