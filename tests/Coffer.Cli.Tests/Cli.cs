using System.CommandLine;

namespace Coffer.Cli.Tests;

/// <summary>Runs <c>coffer</c> verbs in process, through the same command tree as the executable, with their own output writers.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CofferCli.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
