using System.Xml.Linq;

namespace Coffer.SyncML;

/// <summary>
/// The XML namespaces of SyncML documents. OMA-TS-SyncML_RepPro-V1_2 names the SyncML namespace
/// <c>SYNCML:SYNCML1.2</c>; OMA-TS-SyncML_MetaInfo-V1_2 the MetInf namespace <c>syncml:metinf</c>;
/// OMA-TS-DS_DevInf-V1_2 the DevInf namespace <c>syncml:devinf</c>.
/// </summary>
public static class SyncMLNamespaces
{
    public static readonly XNamespace SyncML10 = "SYNCML:SYNCML1.0";
    public static readonly XNamespace SyncML11 = "SYNCML:SYNCML1.1";
    public static readonly XNamespace SyncML12 = "SYNCML:SYNCML1.2";
    public static readonly XNamespace MetInf = "syncml:metinf";
    public static readonly XNamespace DevInf = "syncml:devinf";

    /// <summary>The canonical SyncML namespace the writer uses for <paramref name="version"/>.</summary>
    public static XNamespace ForVersion(SyncMLVersion version) => version switch
    {
        SyncMLVersion.V1_0 => SyncML10,
        SyncMLVersion.V1_1 => SyncML11,
        SyncMLVersion.V1_2 => SyncML12,
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    /// <summary>The VerDTD value of <paramref name="version"/> ("1.0", "1.1", "1.2").</summary>
    public static string VerDtd(SyncMLVersion version) => version switch
    {
        SyncMLVersion.V1_0 => "1.0",
        SyncMLVersion.V1_1 => "1.1",
        SyncMLVersion.V1_2 => "1.2",
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    /// <summary>
    /// The version a SyncML namespace names. Devices spell it in any case (<c>syncml:syncml1.1</c>,
    /// <c>syncml:SYNCML1.1</c>), so <paramref name="ignoreCase"/> is how lenient readers call it.
    /// </summary>
    public static SyncMLVersion? VersionOf(XNamespace ns, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var v in new[] { SyncMLVersion.V1_0, SyncMLVersion.V1_1, SyncMLVersion.V1_2 })
        {
            if (string.Equals(ns.NamespaceName, ForVersion(v).NamespaceName, comparison))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The version a VerDTD value names, or null when it names none we know.</summary>
    public static SyncMLVersion? VersionOfVerDtd(string? verDtd) => verDtd?.Trim() switch
    {
        "1.0" => SyncMLVersion.V1_0,
        "1.1" => SyncMLVersion.V1_1,
        "1.2" => SyncMLVersion.V1_2,
        _ => null,
    };
}
