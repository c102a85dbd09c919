namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// The output lines of the clients of one environment, as they arrive, so a test can wait for the client to say
/// something (e.g. that it took a signal) instead of guessing how long that takes.
/// </summary>
public sealed class ClientOutput
{
    private readonly List<string> lines = [];
    private readonly object gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return lines.Count;
            }
        }
    }

    public void Add(string line)
    {
        lock (gate)
        {
            lines.Add(line);
        }
    }

    /// <summary>Waits until a line after the first <paramref name="from"/> ones contains <paramref name="text"/>; false on timeout.</summary>
    public async Task<bool> WaitForAsync(string text, int from, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            lock (gate)
            {
                if (lines.Skip(from).Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return false;
    }
}
