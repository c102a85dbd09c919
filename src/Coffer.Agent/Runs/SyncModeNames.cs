using Coffer.SyncML;

namespace Coffer.Agent.Runs;

/// <summary>Names of the sync types as the summary prints them (OMA-TS-DS_Protocol-V1_2 §5.6 alert codes).</summary>
public static class SyncModeNames
{
    public static string Of(int alertCode) => alertCode switch
    {
        AlertCode.TwoWay => "two-way",
        AlertCode.SlowSync => "slow",
        AlertCode.OneWayFromClient => "one-way-from-client",
        AlertCode.RefreshFromClient => "refresh-from-client",
        AlertCode.OneWayFromServer => "one-way-from-server",
        AlertCode.RefreshFromServer => "refresh-from-server",
        _ => alertCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
