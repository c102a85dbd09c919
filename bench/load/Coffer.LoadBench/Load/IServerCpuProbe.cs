namespace Coffer.LoadBench.Load;

/// <summary>Reads the server process's CPU time (user + system, all threads) so far, in seconds; null when unknown.</summary>
public interface IServerCpuProbe
{
    Task<double?> ReadSecondsAsync(CancellationToken ct);
}
