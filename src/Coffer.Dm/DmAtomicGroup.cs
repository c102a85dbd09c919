namespace Coffer.Dm;

/// <summary>
/// An app's restore commands sent in one Atomic and the device's answers so far (kept in the session state until
/// the Atomic's own Status and one Status per command have arrived).
/// </summary>
public sealed class DmAtomicGroup
{
    /// <summary>The Atomic's commands in the order sent, each with its CmdID.</summary>
    public List<DmRestoreStep> Steps { get; set; } = [];

    public List<string> CmdIds { get; set; } = [];

    /// <summary>The device's Status per command: CmdID → code.</summary>
    public Dictionary<string, int> Codes { get; set; } = [];

    /// <summary>The Atomic's own Status; null until it arrives.</summary>
    public int? Code { get; set; }

    public bool IsAnswered => Code != null && CmdIds.All(Codes.ContainsKey);
}
