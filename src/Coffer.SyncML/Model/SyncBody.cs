namespace Coffer.SyncML;

/// <summary>
/// The message body (OMA-TS-SyncML_RepPro-V1_2 §5.2.2 SyncBody): the commands in the order sent, and
/// Final (§5.1.7) when this message ends the package.
/// </summary>
public sealed class SyncBody
{
    public List<SyncMLCommand> Commands { get; } = [];

    public bool Final { get; set; }
}
