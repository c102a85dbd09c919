using Coffer.Agent.Peer;

namespace Coffer.Agent.Tests.Peer;

/// <summary>Records progress reports as they are made (no synchronization context in between), and runs an optional action on each.</summary>
public sealed class ProgressLog(Action<PeerSyncProgress>? onReport = null) : IProgress<PeerSyncProgress>
{
    private readonly List<PeerSyncProgress> reports = [];

    public IReadOnlyList<PeerSyncProgress> Reports
    {
        get
        {
            lock (reports)
            {
                return [.. reports];
            }
        }
    }

    public void Report(PeerSyncProgress value)
    {
        lock (reports)
        {
            reports.Add(value);
        }

        onReport?.Invoke(value);
    }
}
