namespace Coffer.SyncML.DevInf;

/// <summary>
/// The capabilities of one content type: <c>CTCap (CTType, VerCT, FieldLevel?, Property+)</c>
/// (OMA-TS-DS_DevInf-V1_2 §5, "CTCap"). DevInf 1.0/1.1 send the same information as one flat
/// DevInf-level sequence; <see cref="DevInfXml"/> groups it into one <see cref="CTCap"/> per <c>CTType</c>.
/// </summary>
public sealed class CTCap
{
    public string CTType { get; set; } = string.Empty;

    /// <summary>Required in 1.2; absent in the flat 1.0/1.1 form.</summary>
    public string? VerCT { get; set; }

    /// <summary>
    /// The empty <c>FieldLevel</c> flag: the device accepts Field Level Replace for this type, i.e. a
    /// Replace carrying only the changed properties (OMA-TS-DS_DevInf-V1_2 §5, "FieldLevel").
    /// </summary>
    public bool FieldLevel { get; set; }

    public List<Property> Properties { get; set; } = [];

    /// <summary>
    /// The property entry for <paramref name="propName"/>: an exact (case-insensitive, RFC 6350 §3.3) match
    /// first, otherwise a wildcard entry such as SyncEvolution's <c>X-*</c>.
    /// </summary>
    public Property? FindProperty(string propName)
    {
        ArgumentNullException.ThrowIfNull(propName);
        Property? wildcard = null;
        foreach (var p in Properties)
        {
            if (string.Equals(p.PropName, propName, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }

            if (wildcard == null && p.PropName.Length > 0 && p.PropName[^1] == '*'
                && propName.StartsWith(p.PropName[..^1], StringComparison.OrdinalIgnoreCase))
            {
                wildcard = p;
            }
        }

        return wildcard;
    }

    /// <summary>
    /// Whether the device stores <paramref name="propName"/>. Properties it does not list are lost on the
    /// device, so a Field Level Change must keep the server's copy of them (seed 000, "Field Level Change").
    /// </summary>
    public bool SupportsProperty(string propName) => FindProperty(propName) != null;

    /// <summary>
    /// The declared <c>MaxOccur</c> of <paramref name="propName"/> (e.g. 1 for N, VERSION), or null when the
    /// property is not listed or no limit is stated. Values beyond the limit do not survive on the device.
    /// </summary>
    public long? MaxOccurOf(string propName) => FindProperty(propName)?.MaxOccur;

    /// <summary>The declared maximum value size of <paramref name="propName"/>; null when unknown or unlimited.</summary>
    public long? MaxSizeOf(string propName) => FindProperty(propName)?.MaxSize;

    public bool Matches(string ctType, string? verCT = null) =>
        string.Equals(CTType, ctType, StringComparison.OrdinalIgnoreCase)
        && (verCT == null || VerCT == null || string.Equals(VerCT, verCT, StringComparison.Ordinal));
}
