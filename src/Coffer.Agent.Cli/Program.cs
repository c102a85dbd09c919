using Coffer.Agent.Cli;

return await AgentCli.Create(Console.In, interactive: !Console.IsInputRedirected).Parse(args).InvokeAsync();
