namespace Coffer.Agent.Peer;

/// <summary>
/// One file of a folder mirrored in the peer store: its path, the store item it is, the SHA-256 of the file as last
/// imported or written (a different hash on disk is a local edit) and the item version the file holds (a newer one
/// in the store is a change a peer made).
/// </summary>
public sealed class MirrorEntry
{
    public required string Path { get; set; }

    public required string ItemId { get; set; }

    public required string Sha256 { get; set; }

    public long Version { get; set; }
}
