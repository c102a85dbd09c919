using Coffer.Cli;

return await CofferCli.Create().Parse(args).InvokeAsync();
