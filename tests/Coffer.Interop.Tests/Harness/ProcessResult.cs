namespace Coffer.Interop.Tests.Harness;

/// <summary>The outcome of one external process run by the harness.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr, TimeSpan Duration)
{
    /// <summary>Standard output followed by standard error, for failure messages.</summary>
    public string Output => StdOut + StdErr;
}
