namespace Coffer.Sync.Sessions;

/// <summary>A large object arriving in chunks (OMA-TS-DS_Protocol-V1_2 §6.10): what it belongs to (its data so far is in the store, ISessionRepository.AppendChunkAsync).</summary>
public sealed class IncomingChunk
{
    public string ClientUri { get; set; } = string.Empty;

    public string Op { get; set; } = string.Empty;

    /// <summary>LUID for Add (Source), LUID or GUID for Replace.</summary>
    public string? SourceUri { get; set; }

    public string? TargetUri { get; set; }

    public string? ContentType { get; set; }

    /// <summary>The Size announced in the first chunk's Meta.</summary>
    public long? DeclaredSize { get; set; }

    /// <summary>Bytes received so far (as stored: UTF-8 of the item text).</summary>
    public long ReceivedBytes { get; set; }

    /// <summary>The chunks carry base64 (Meta Format b64): sizes count decoded bytes.</summary>
    public bool Base64 { get; set; }

    /// <summary>
    /// For a datastore of blobs: the names (hex) of the blob-store chunks the object has filled so far, in order. The
    /// bytes after the last whole chunk wait in the session's chunk rows.
    /// </summary>
    public List<string>? BlobChunks { get; set; }

    /// <summary>Bytes waiting in the session's chunk rows for the next blob-store chunk.</summary>
    public long Buffered { get; set; }

    /// <summary>LF and CR bytes received, for the Size a sender counted with CRLF line ends.</summary>
    public long LineFeeds { get; set; }

    public long CarriageReturns { get; set; }
}
