namespace Coffer.Sync.Sessions;

/// <summary>A large object the server is sending in chunks: which item version, how far, and where it goes.</summary>
public sealed class OutgoingChunk
{
    public string ClientUri { get; set; } = string.Empty;

    public string Guid { get; set; } = string.Empty;

    public string Op { get; set; } = string.Empty;

    public string? Luid { get; set; }

    public string ContentType { get; set; } = string.Empty;

    public long Sequence { get; set; }

    public long Version { get; set; }

    public long TotalSize { get; set; }

    /// <summary>The chunks carry b64 of the object's bytes (an object Coffer does not interpret).</summary>
    public bool Base64 { get; set; }

    /// <summary>How many UTF-16 chars of the object's text (as <c>MessageProcessor.ChunkText</c> gives it) were sent; the text itself is read again from the store for each chunk.</summary>
    public int Offset { get; set; }

    /// <summary>The object is a blob (its version holds a manifest): chunks are read from the blob store by range, and <see cref="BlobOffset"/> counts the b64 characters sent.</summary>
    public bool Blob { get; set; }

    /// <summary>A blob's chunks carry its bytes in Format bin (the device announced it, over WBXML); <see cref="BlobOffset"/> still counts b64 characters, 4 for every 3 bytes.</summary>
    public bool Bin { get; set; }

    /// <summary>b64 characters of a blob sent so far (a 4 GiB object has more than an int counts).</summary>
    public long BlobOffset { get; set; }
}
