using System.CommandLine;
using Coffer.Agent.Config;

namespace Coffer.Agent.Cli;

/// <summary>What every verb that talks to the server starts from: its output, the agent's home, the configuration and the password.</summary>
internal sealed record ConfiguredAgent(Output Output, AgentHome Home, AgentConfig Config, string Password)
{
    /// <summary>The agent as <c>init</c> configured it; null, with the reason printed, when it cannot be read (exit code <see cref="Runs.ExitCodes.Usage"/>).</summary>
    public static ConfiguredAgent? Load(ParseResult pr, GlobalOptions global)
    {
        var io = pr.InvocationConfiguration;
        var output = new Output(io.Output, io.Error, pr.GetValue(global.Json));
        var home = new AgentHome(pr.GetValue(global.Config)!);
        try
        {
            var (config, password) = home.Load();
            return new ConfiguredAgent(output, home, config, password);
        }
        catch (AgentConfigException ex)
        {
            output.Error(ex.Message);
            return null;
        }
    }
}
