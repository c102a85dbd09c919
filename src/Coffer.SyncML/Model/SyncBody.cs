namespace Coffer.SyncML;

/// <summary>
/// The message body (OMA-TS-SyncML_RepPro-V1_2, element SyncBody): the commands in the order sent, and
/// Final when this message ends the package.
/// </summary>
public sealed class SyncBody
{
    public List<SyncMLCommand> Commands { get; } = [];

    public bool Final { get; set; }
}
