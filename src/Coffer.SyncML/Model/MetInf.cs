namespace Coffer.SyncML;

/// <summary>
/// The content of a SyncML Meta element: the Meta Information DTD (OMA-TS-SyncML_MetaInfo-V1_2,
/// element MetInf). The writer puts every one of these elements in the <c>syncml:metinf</c> namespace.
/// </summary>
public sealed class MetInf
{
    /// <summary>Format, e.g. "b64", "chr", "xml".</summary>
    public string? Format { get; set; }

    /// <summary>Type: a MIME type or an auth type such as "syncml:auth-md5".</summary>
    public string? Type { get; set; }

    /// <summary>Mark.</summary>
    public string? Mark { get; set; }

    /// <summary>Size in bytes; with MoreData it announces a large object's total size.</summary>
    public long? Size { get; set; }

    public Anchor? Anchor { get; set; }

    /// <summary>Version of the item.</summary>
    public string? Version { get; set; }

    /// <summary>NextNonce for MD5 authentication, as sent (normally base64).</summary>
    public string? NextNonce { get; set; }

    /// <summary>MaxMsgSize in bytes.</summary>
    public long? MaxMsgSize { get; set; }

    /// <summary>MaxObjSize in bytes.</summary>
    public long? MaxObjSize { get; set; }

    /// <summary>EMI: experimental meta information, kept in order.</summary>
    public List<string> EMI { get; } = [];

    public Mem? Mem { get; set; }

    /// <summary>FieldLevel (OMA-TS-SyncML_MetaInfo-V1_2): the Replace carries only the changed fields.</summary>
    public bool FieldLevel { get; set; }
}
