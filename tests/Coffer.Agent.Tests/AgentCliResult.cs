namespace Coffer.Agent.Tests;

/// <summary>What one in-process run of <c>coffer-agent</c> returned and printed.</summary>
public sealed record AgentCliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}
