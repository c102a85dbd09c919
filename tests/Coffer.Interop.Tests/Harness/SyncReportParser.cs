using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// Reads SyncEvolution's per-session status.ini ("key = value" lines: status, start, end and
/// source-NAME-{mode,first,resume,status,backup-*,stat-LOCATION-STATE-RESULT}) and the error lines of
/// syncevolution-log.html.
/// </summary>
public static partial class SyncReportParser
{
    /// <summary>Builds the report of one run from its session folder (may be null) and console output.</summary>
    public static SyncReport Read(int exitCode, string? sessionDirectory, string output, TimeSpan duration)
    {
        var statusIni = sessionDirectory == null ? null : Path.Combine(sessionDirectory, "status.ini");
        var report = statusIni != null && File.Exists(statusIni)
            ? ParseStatusIni(File.ReadAllText(statusIni))
            : new SyncReport { ExitCode = exitCode };

        var errors = new List<string>();
        var log = sessionDirectory == null ? null : Path.Combine(sessionDirectory, "syncevolution-log.html");
        if (log != null && File.Exists(log))
        {
            errors.AddRange(ParseLogErrors(File.ReadAllText(log)));
        }

        errors.AddRange(output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("[ERROR", StringComparison.Ordinal)));
        return report with
        {
            ExitCode = exitCode,
            SessionDirectory = sessionDirectory,
            Output = output,
            Duration = duration,
            Errors = errors.Distinct().ToList(),
        };
    }

    /// <summary>Parses status.ini text; <see cref="SyncReport.ExitCode"/> is left 0 for the caller to set.</summary>
    public static SyncReport ParseStatusIni(string text)
    {
        int? status = null;
        DateTimeOffset? start = null, end = null;
        var sources = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (line.Length == 0 || line[0] == '#' || eq < 0)
            {
                continue;
            }

            var key = line[..eq].Trim();
            var value = line[(eq + 3)..].Trim();
            switch (key)
            {
                case "status":
                    status = int.Parse(value, CultureInfo.InvariantCulture);
                    continue;
                case "start":
                    start = ParseTime(value);
                    continue;
                case "end":
                    end = ParseTime(value);
                    continue;
            }

            var match = SourceKey().Match(key);
            if (match.Success)
            {
                var name = match.Groups["name"].Value;
                if (!sources.TryGetValue(name, out var entries))
                {
                    sources[name] = entries = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                entries[match.Groups["key"].Value] = value;
            }
        }

        return new SyncReport
        {
            ExitCode = 0,
            Status = status,
            Start = start,
            End = end,
            Datastores = sources.ToDictionary(s => s.Key, s => ToDatastoreReport(s.Key, s.Value), StringComparer.Ordinal),
        };
    }

    /// <summary>The text of every error span of a syncevolution-log.html (tags removed, entities decoded).</summary>
    public static IReadOnlyList<string> ParseLogErrors(string html) =>
        ErrorSpan().Matches(html)
            .Select(m => WebUtility.HtmlDecode(Tag().Replace(m.Groups[1].Value, string.Empty)).Trim())
            .Where(s => s.Length > 0)
            .Distinct()
            .ToList();

    private static DatastoreReport ToDatastoreReport(string name, Dictionary<string, string> entries)
    {
        var stats = entries
            .Where(e => e.Key.StartsWith("stat-", StringComparison.Ordinal))
            .ToDictionary(e => e.Key["stat-".Length..], e => long.Parse(e.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        long Stat(string key) => stats.TryGetValue(key, out var v) ? v : 0;
        long Sum(Func<string, bool> predicate) => stats.Where(s => predicate(s.Key)).Sum(s => s.Value);

        return new DatastoreReport
        {
            Name = name,
            Mode = entries.GetValueOrDefault("mode"),
            First = entries.GetValueOrDefault("first") == "true",
            Resume = entries.GetValueOrDefault("resume") == "true",
            Status = entries.TryGetValue("status", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : 0,
            LocalAdded = Stat("local-added-total"),
            LocalUpdated = Stat("local-updated-total"),
            LocalDeleted = Stat("local-removed-total"),
            LocalErrors = Sum(k => k.StartsWith("local-", StringComparison.Ordinal) && k.EndsWith("-reject", StringComparison.Ordinal)),
            RemoteAdded = Stat("remote-added-total"),
            RemoteUpdated = Stat("remote-updated-total"),
            RemoteDeleted = Stat("remote-removed-total"),
            RemoteErrors = Sum(k => k.StartsWith("remote-", StringComparison.Ordinal) && k.EndsWith("-reject", StringComparison.Ordinal)),
            Conflicts = Sum(k => k.Contains("-conflict_", StringComparison.Ordinal)),
            BytesSent = Stat("local-any-sent"),
            BytesReceived = Stat("local-any-received"),
            Stats = stats,
        };
    }

    // "1795298180, 2026-11-21 21:56:20 +0000": seconds since the epoch, then the same time readable.
    private static DateTimeOffset? ParseTime(string value)
    {
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        var seconds = comma < 0 ? value : value[..comma];
        return long.TryParse(seconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;
    }

    [GeneratedRegex("^source-(?<name>.+?)-(?<key>mode|first|resume|status|backup-before|backup-after|stat-.+)$")]
    private static partial Regex SourceKey();

    [GeneratedRegex("<span class=\"error\">(.*?)</span>", RegexOptions.Singleline)]
    private static partial Regex ErrorSpan();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
