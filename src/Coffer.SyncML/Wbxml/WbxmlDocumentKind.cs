namespace Coffer.SyncML.Wbxml;

/// <summary>The document types the codec knows.</summary>
internal enum WbxmlDocumentKind
{
    SyncML,
    DevInf,
    MetInf,

    /// <summary>An OMA DM tree (TNDS, root MgmtTree), the DM DDF 1.2 code page 2.</summary>
    DmDdf,
}
