using System.Globalization;
using Coffer.Agent.Consent;
using Coffer.Agent.Runs;

namespace Coffer.Agent.Cli;

/// <summary>
/// The end of a run: errors on stderr, then on stdout one JSON document, or a table per datastore and a line with
/// the totals (new, changed, unchanged, deleted, bytes sent and received, the time taken). A deferred run retried
/// first is reported before the run itself.
/// </summary>
internal static class RunReport
{
    public static void Write(Output output, RunSummary summary)
    {
        if (output.Json)
        {
            output.WriteJson(summary);
            return;
        }

        if (summary.Retried is { } retried)
        {
            output.Line($"first the {retried.Command} deferred on a metered connection:");
            Text(output, retried);
        }

        Text(output, summary);
    }

    private static void Text(Output output, RunSummary summary)
    {
        foreach (var failed in summary.Datastores.Where(d => d.Error != null))
        {
            output.Error($"{failed.Datastore}: {failed.Error}");
        }

        if (summary.Error != null)
        {
            output.Error(summary.Error);
        }

        if (summary.Datastores.Count == 0)
        {
            return;
        }

        var d = summary.Datastores;
        output.Table(
            ["datastore", "mode", "new", "changed", "unchanged", "deleted", "refused", "items in", "bytes sent", "bytes received"],
            [.. d.Select(s => new[] { s.Datastore, s.Mode, Num(s.New), Num(s.Changed), Num(s.Unchanged), Num(s.Deleted), Num(s.Refused + s.QuotaRefused), Num(s.ReceivedAdded + s.ReceivedChanged + s.ReceivedDeleted), ByteSize.Format(s.BytesSent), ByteSize.Format(s.BytesReceived) })]);
        var totals = string.Create(
            CultureInfo.InvariantCulture,
            $"{d.Sum(s => s.New)} new, {d.Sum(s => s.Changed)} changed, {d.Sum(s => s.Unchanged)} unchanged, {d.Sum(s => s.Deleted)} deleted; {ByteSize.Format(summary.BytesSent)} sent, {ByteSize.Format(summary.BytesReceived)} received in {summary.Duration.TotalSeconds:0.0} s");
        output.Line(summary.ExitCode == ExitCodes.Ok
            ? $"{summary.Command}: done: {totals}"
            : $"{summary.Command}: finished with exit code {Num(summary.ExitCode)}: {totals}");
    }

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
