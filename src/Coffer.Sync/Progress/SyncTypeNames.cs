namespace Coffer.Sync.Progress;

/// <summary>The sync types of OMA-TS-DS_Protocol-V1_2 §5.3 (Alert codes 200-205) in words.</summary>
public static class SyncTypeNames
{
    public static string Of(int alertCode) => alertCode switch
    {
        200 => "two-way",
        201 => "slow",
        202 => "one-way from client",
        203 => "refresh from client",
        204 => "one-way from server",
        205 => "refresh from server",
        _ => alertCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
