namespace Coffer.Storage;

/// <summary>An item to add.</summary>
/// <param name="Content">Serialized content (vCard, iCalendar...); the store compresses it through its payload codec.</param>
/// <param name="Id">Null: the store assigns a new GUID. Set only when importing or restoring items that already have one.</param>
/// <param name="Size">The item's size when <paramref name="Content"/> is not the content itself (a blob manifest): what quotas count.</param>
public sealed record NewItem(
    string ContentType,
    ReadOnlyMemory<byte> Content,
    string Origin,
    byte[]? IdentityKey = null,
    string? Id = null,
    long? Size = null)
{
    /// <summary>The size stored for the item: <see cref="Size"/> when given, else the content's length.</summary>
    public long ContentLength => Size ?? Content.Length;
}
