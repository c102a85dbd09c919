using System.CommandLine;
using Coffer.Agent.Cli;

// Ctrl-C and SIGTERM cancel the verb's token and give it a few seconds to finish (peer online un-registers).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(5) };
return await AgentCli.Create(Console.In, interactive: !Console.IsInputRedirected).Parse(args).InvokeAsync(invocation);
