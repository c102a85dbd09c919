namespace Coffer.Agent.Sources;

/// <summary>
/// What the agent remembers of one item the server holds: its LUID, its file, the SHA-256 of the content the server
/// has (a different hash on disk is a local change), and the server's id when the item came from the server.
/// </summary>
public sealed class LocalItem
{
    public required string Luid { get; set; }

    public required string Path { get; set; }

    public required string Sha256 { get; set; }

    public string? Guid { get; set; }
}
