using System.CommandLine;
using Coffer.Cli.Commands;

var root = new RootCommand("coffer — administration and inspection for the Coffer personal data storage server")
{
    SyncMLCommands.Create(),
    SanCommands.Create(),
    UserCommands.Create(),
};
return await root.Parse(args).InvokeAsync();
