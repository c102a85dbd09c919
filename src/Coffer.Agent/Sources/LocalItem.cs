namespace Coffer.Agent.Sources;

/// <summary>
/// What the agent remembers of one item the server holds: its LUID, its file, the SHA-256 of the content the server
/// has (a different hash on disk is a local change), the server's id when the item came from the server, and the
/// file's length and time when it was hashed.
/// </summary>
public sealed class LocalItem
{
    public required string Luid { get; set; }

    public required string Path { get; set; }

    public required string Sha256 { get; set; }

    public string? Guid { get; set; }

    /// <summary>The file's length and last write time when <see cref="Sha256"/> was taken: while both stay, the file is not read again.</summary>
    public long? Length { get; set; }

    public DateTime? Modified { get; set; }
}
