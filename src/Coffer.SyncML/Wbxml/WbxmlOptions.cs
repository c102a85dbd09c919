namespace Coffer.SyncML.Wbxml;

/// <summary>Limits and compliance for <see cref="WbxmlDecoder"/>.</summary>
public sealed record WbxmlOptions
{
    public static WbxmlOptions Default { get; } = new();

    /// <summary>Larger inputs are rejected before decoding (default 16 MiB).</summary>
    public int MaxInputSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Maximum element nesting, counting elements of nested DevInf documents (default 64).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Maximum number of characters of decoded text in total (default 64 Mi). A small string table referenced
    /// many times would otherwise expand into an arbitrarily large tree.
    /// </summary>
    public long MaxTextLength { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most elements in one document, nested DevInf included (default 250,000; see SyncMLReadOptions.MaxElements).</summary>
    public int MaxElements { get; init; } = 250_000;

    /// <summary>Stop after the SyncHdr element (the document holds the root and its header only); see SyncMLReadOptions.HeaderOnly.</summary>
    public bool HeaderOnly { get; init; }

    /// <summary>
    /// Strict rejects what the specifications forbid (unknown tokens and public ids, attributes, PIs,
    /// extensions, invalid UTF-8, characters XML cannot hold). Loose (default) accepts and repairs it the way
    /// docs/wbxml.md describes.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Decode an OPAQUE that holds a WBXML DevInf document, or a DM tree (MgmtTree, DM DDF 1.2), into the nested
    /// element (default true).
    /// </summary>
    public bool DecodeNestedDevInf { get; init; } = true;

    /// <summary>
    /// Keep an OPAQUE that is the whole content of an Item's Data as its bytes (an <see cref="OpaqueItemBytes"/>
    /// annotation of an empty Data element, read as <see cref="ItemData.Bytes"/>) instead of decoding it to text
    /// (default false: the tree holds text, as libwbxml's XML does).
    /// </summary>
    public bool ItemDataAsBytes { get; init; }

    /// <summary>Give the document a DOCTYPE naming its public and system identifiers (default true).</summary>
    public bool IncludeDocumentType { get; init; } = true;
}
