namespace Coffer.Interop.Tests.Harness;

/// <summary>The outcome of one <c>syncevolution --sync</c> run: exit code, status.ini and the errors of its log.</summary>
public sealed record SyncReport
{
    /// <summary>The client's exit code: 0 success, 1 any failure, 139 the curl crash (shim missing).</summary>
    public required int ExitCode { get; init; }

    /// <summary>The overall session status from status.ini (200 = success), null when no session ran.</summary>
    public int? Status { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    /// <summary>By local datastore name (every configured datastore appears; inactive ones have Mode "disabled").</summary>
    public IReadOnlyDictionary<string, DatastoreReport> Datastores { get; init; } = new Dictionary<string, DatastoreReport>();

    /// <summary>Error lines from the session log and [ERROR] lines of the console output.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The session folder (status.ini, syncevolution-log.html, XML dumps at loglevel 4); null when none.</summary>
    public string? SessionDirectory { get; init; }

    /// <summary>The client's console output (stdout then stderr).</summary>
    public string Output { get; init; } = string.Empty;

    public TimeSpan Duration { get; init; }

    /// <summary>Exit code 0 and session status 200.</summary>
    public bool Succeeded => ExitCode == 0 && Status == 200;

    public DatastoreReport this[Datastore datastore] =>
        Datastores.TryGetValue(datastore.LocalName(), out var report)
            ? report
            : throw new KeyNotFoundException($"No report for datastore {datastore.LocalName()}; have {string.Join(", ", Datastores.Keys)}.\n{this}");

    /// <summary>A readable summary for assertion messages.</summary>
    public override string ToString()
    {
        var lines = new List<string> { $"exit {ExitCode}, status {Status?.ToString() ?? "none"}, {Duration.TotalSeconds:0.0} s, session {SessionDirectory ?? "none"}" };
        foreach (var d in Datastores.Values.Where(d => d.Mode != "disabled"))
        {
            lines.Add($"  {d.Name}: {d.Mode} status {d.Status} local +{d.LocalAdded} ~{d.LocalUpdated} -{d.LocalDeleted} !{d.LocalErrors}" +
                      $" remote +{d.RemoteAdded} ~{d.RemoteUpdated} -{d.RemoteDeleted} !{d.RemoteErrors}");
        }

        lines.AddRange(Errors.Take(20).Select(e => "  error: " + e));
        if (!Succeeded)
        {
            lines.Add("output:\n" + Output);
        }

        return string.Join('\n', lines);
    }
}
