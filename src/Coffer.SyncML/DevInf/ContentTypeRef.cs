namespace Coffer.SyncML.DevInf;

/// <summary>
/// A content type and its version, as in <c>Rx-Pref</c>, <c>Rx</c>, <c>Tx-Pref</c>, <c>Tx</c> and
/// <c>Filter-Rx</c> (OMA-TS-DS_DevInf-V1_2 §5: each is <c>(CTType, VerCT)</c>).
/// </summary>
public sealed class ContentTypeRef
{
    public ContentTypeRef()
    {
    }

    public ContentTypeRef(string ctType, string? verCT)
    {
        CTType = ctType;
        VerCT = verCT;
    }

    public string CTType { get; set; } = string.Empty;

    public string? VerCT { get; set; }

    /// <summary>Media types are case-insensitive (RFC 2045 §5.1); a null version matches any version.</summary>
    public bool Matches(string ctType, string? verCT = null) =>
        string.Equals(CTType, ctType, StringComparison.OrdinalIgnoreCase)
        && (verCT == null || VerCT == null || string.Equals(VerCT, verCT, StringComparison.Ordinal));

    public override string ToString() => VerCT == null ? CTType : $"{CTType} {VerCT}";
}
