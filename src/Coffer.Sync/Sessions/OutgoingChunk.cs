namespace Coffer.Sync.Sessions;

/// <summary>A large object the server is sending in chunks: what remains of it and where it goes.</summary>
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

    /// <summary>The full data; <see cref="Offset"/> counts UTF-16 chars already sent.</summary>
    public string Data { get; set; } = string.Empty;

    public int Offset { get; set; }
}
