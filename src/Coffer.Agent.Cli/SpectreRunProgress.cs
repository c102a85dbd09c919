using Coffer.Agent.Consent;
using Coffer.Agent.Runs;
using Spectre.Console;

namespace Coffer.Agent.Cli;

/// <summary>
/// Progress bars on a terminal (stderr), one per datastore: bytes sent against the estimate, rate and time left;
/// a transfer whose size only the server knows (a restore) shows the bytes received instead of a bar.
/// </summary>
internal sealed class SpectreRunProgress(ProgressContext context) : IRunProgress
{
    private readonly Dictionary<string, ProgressTask> tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> modes = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> under progress bars drawn on <paramref name="stderr"/>.</summary>
    public static Task<T> RunAsync<T>(TextWriter stderr, Func<IRunProgress, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(ctx => work(new SpectreRunProgress(ctx)));
    }

    public void Note(string datastore, string text)
    {
        modes[datastore] = text;
        Bar(datastore).Description = Markup.Escape($"{datastore} ({text})");
    }

    public void Planned(string datastore, int items, long wireBytes)
    {
        var task = Bar(datastore);
        task.IsIndeterminate = wireBytes <= 0;
        task.MaxValue = Math.Max(wireBytes, 1);
    }

    public void ItemsSent(string datastore, int done, int total) =>
        Bar(datastore).Description = Markup.Escape($"{datastore} ({modes.GetValueOrDefault(datastore, "")}) {done}/{total}");

    public void Bytes(string datastore, long sent, long received)
    {
        var task = Bar(datastore);
        if (task.IsIndeterminate)
        {
            task.Description = Markup.Escape($"{datastore} ({modes.GetValueOrDefault(datastore, "")}) {ByteSize.Format(received)} received");
            return;
        }

        // The estimate may fall short of the wire bytes; the bar stops just before the end until the session does.
        task.Value = Math.Min(sent, task.MaxValue * 0.99);
    }

    public void Finished(string datastore)
    {
        var task = Bar(datastore);
        task.IsIndeterminate = false;
        task.Value = task.MaxValue;
        task.StopTask();
    }

    private ProgressTask Bar(string datastore)
    {
        if (!tasks.TryGetValue(datastore, out var task))
        {
            task = context.AddTask(Markup.Escape(datastore), autoStart: true, maxValue: 1);
            task.IsIndeterminate = true;
            tasks[datastore] = task;
        }

        return task;
    }
}
