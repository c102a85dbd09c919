using System.CommandLine;
using Coffer.Agent.Config;

namespace Coffer.Agent.Cli;

/// <summary>Options every verb takes: the configuration directory and JSON output.</summary>
internal sealed class GlobalOptions
{
    public Option<string> Config { get; } = new("--config")
    {
        Description = "the agent's configuration directory (default $COFFER_AGENT_HOME, else ~/.config/coffer-agent)",
        Recursive = true,
        DefaultValueFactory = _ => AgentHome.DefaultPath(),
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "print the result as JSON on stdout (progress still goes to stderr)",
        Recursive = true,
    };
}
