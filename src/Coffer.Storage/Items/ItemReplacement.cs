namespace Coffer.Storage;

/// <summary>New content for an existing item (also revives a tombstone, e.g. when restoring a deleted item).</summary>
/// <param name="Size">The item's size when <paramref name="Content"/> is not the content itself (a blob manifest): what quotas count.</param>
/// <param name="ExpectedVersion">When set, the replace happens only if the item is still at this version (web edits).</param>
public sealed record ItemReplacement(
    string Id,
    string ContentType,
    ReadOnlyMemory<byte> Content,
    string Origin,
    byte[]? IdentityKey = null,
    long? ExpectedVersion = null,
    long? Size = null)
{
    /// <summary>The size stored for the item: <see cref="Size"/> when given, else the content's length.</summary>
    public long ContentLength => Size ?? Content.Length;
}
