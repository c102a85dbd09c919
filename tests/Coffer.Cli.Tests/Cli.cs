using System.CommandLine;
using Coffer.Cli.Configuration;

namespace Coffer.Cli.Tests;

/// <summary>
/// Runs <c>coffer</c> verbs in process, through the same command tree as the executable, with their own output writers.
/// The server settings the verbs fall back to are given, never those of the test process's environment.
/// </summary>
internal static class Cli
{
    public static CliResult Run(params string[] args) => RunWith(new Dictionary<string, string?>(), args);

    public static CliResult RunWith(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CofferCli.Create(ServerSettings.FromValues(settings)).Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
