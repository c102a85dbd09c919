namespace Coffer.Storage;

/// <summary>One entry of an item's append-only history (a delete is a version without content).</summary>
public sealed record ItemVersion(
    string ItemId,
    long Version,
    long Sequence,
    bool Deleted,
    string ContentType,
    byte[]? Content,
    long Size,
    string Origin,
    DateTimeOffset Time);
