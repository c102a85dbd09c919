namespace Coffer.Dm;

/// <summary>One node of a management tree as a backup holds it (OMA-TS-DM_TND-V1_2 §7: name, format, type, value).</summary>
/// <param name="Path">The node's absolute URI, e.g. <c>./Coffer/Backup/Settings/ringer</c>.</param>
/// <param name="Format">chr, int, bool, bin, b64, node ...</param>
/// <param name="Data">The value's bytes (an interior node: its child names, <c>/</c>-separated).</param>
public sealed record DmNode(string Path, string Format, string? Type, byte[] Data)
{
    public bool IsInterior => Format == "node";

    public string Text => System.Text.Encoding.UTF8.GetString(Data);
}
