namespace Coffer.SyncML.Wbxml;

/// <summary>Choices for <see cref="WbxmlEncoder"/>.</summary>
public sealed record WbxmlEncodeOptions
{
    public static WbxmlEncodeOptions Default { get; } = new();

    /// <summary>The WBXML version written in the header (default 1.2, as SyncEvolution/Synthesis write).</summary>
    public WbxmlVersion Version { get; init; } = WbxmlVersion.V1_2;

    /// <summary>
    /// Put strings that occur more than once in the string table and refer to them with STR_T (default false:
    /// every string inline with STR_I, as most SyncML clients do). Element names without a token always go to
    /// the string table (LITERAL), whatever this says.
    /// </summary>
    public bool UseStringTable { get; init; }

    /// <summary>Write the public identifier as a string-table reference instead of its number (default false).</summary>
    public bool StringPublicId { get; init; }

    /// <summary>Write the text of an Item's Data as OPAQUE, like Synthesis-based clients and servers (default true).</summary>
    public bool OpaqueItemData { get; init; } = true;

    /// <summary>
    /// Rewrite a MetInf Type "application/vnd.syncml-devinf+xml" to "...+wbxml": in a WBXML message the nested
    /// DevInf is WBXML (OMA-TS-DS_DevInf-V1_2, MIME media type registration; libwbxml and Synthesis do the same). A DM
    /// tree's "application/vnd.syncml.dmtnds+xml" becomes "...+wbxml" the same way (libwbxml does it too). Default true.
    /// </summary>
    public bool RewriteDevInfMetaType { get; init; } = true;

    /// <summary>Reject elements, attributes and tags of other protocol versions instead of writing them as literals or dropping them.</summary>
    public bool Strict { get; init; }

    /// <summary>Maximum element nesting (default 256); deeper trees are rejected rather than overflowing the stack.</summary>
    public int MaxDepth { get; init; } = 256;
}
