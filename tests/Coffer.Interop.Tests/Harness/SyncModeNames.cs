namespace Coffer.Interop.Tests.Harness;

/// <summary>Maps <see cref="SyncMode"/> to the syncevolution command line.</summary>
public static class SyncModeNames
{
    /// <summary>The value of <c>syncevolution --sync</c>.</summary>
    public static string CommandLineName(this SyncMode mode) => mode switch
    {
        SyncMode.TwoWay => "two-way",
        SyncMode.Slow => "slow",
        SyncMode.OneWayFromClient => "one-way-from-client",
        SyncMode.RefreshFromClient => "refresh-from-client",
        SyncMode.OneWayFromServer => "one-way-from-server",
        SyncMode.RefreshFromServer => "refresh-from-server",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}
