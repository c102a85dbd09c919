namespace Coffer.SyncML.DevInf;

/// <summary>A non-standard extension, <c>Ext (XNam, XVal*)</c> (OMA-TS-DS_DevInf-V1_2 §5, "Ext").</summary>
public sealed class Ext
{
    public string XNam { get; set; } = string.Empty;

    public List<string> XVal { get; set; } = [];
}
