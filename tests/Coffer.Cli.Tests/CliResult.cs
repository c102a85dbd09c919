namespace Coffer.Cli.Tests;

/// <summary>What one run of a <c>coffer</c> verb printed and returned.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr);
