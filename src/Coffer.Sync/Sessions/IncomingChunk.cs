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
}
