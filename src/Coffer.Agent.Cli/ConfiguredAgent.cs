using System.CommandLine;
using Coffer.Agent.Config;
using Coffer.Agent.Consent;
using Coffer.Agent.Protocol;
using Coffer.Agent.Runs;

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

    /// <summary>
    /// A run of this agent over <paramref name="http"/>, behind the consent policy of the command line or the
    /// configuration (asking on the terminal when <paramref name="interactive"/> and stderr is one).
    /// </summary>
    public ConsentedRunner Runner(ParseResult pr, ConsentOptions consent, bool interactive, HttpClient http, IRunProgress progress) =>
        ConsentedRunner.For(
            Home,
            Config,
            Password,
            new HttpSyncTransport(http),
            progress,
            consent.ConnectionFor(pr, Config),
            consent.PolicyFor(pr, Config),
            interactive && Output.ErrorIsTerminal ? ConsentPrompt.Ask : null,
            TimeProvider.System);
}
