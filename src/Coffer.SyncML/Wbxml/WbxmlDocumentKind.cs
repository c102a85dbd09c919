namespace Coffer.SyncML.Wbxml;

/// <summary>The document types the codec knows.</summary>
internal enum WbxmlDocumentKind
{
    SyncML,
    DevInf,
    MetInf,
}
