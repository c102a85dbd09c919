namespace Coffer.Agent.Config;

/// <summary>The agent is not configured, or its configuration cannot be used as it is.</summary>
public sealed class AgentConfigException : Exception
{
    public AgentConfigException()
    {
    }

    public AgentConfigException(string message)
        : base(message)
    {
    }

    public AgentConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
