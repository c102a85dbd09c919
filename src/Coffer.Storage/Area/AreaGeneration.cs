namespace Coffer.Storage;

/// <summary>
/// One saved copy of a datastore's normal area in the storage area (seed 000 §5.3): which version of which item was
/// live when it was saved. It refers to versions in the item history instead of copying payloads; history retention
/// never prunes a version a kept generation refers to.
/// </summary>
/// <param name="Id">Backend-assigned; increases with every save of any datastore.</param>
/// <param name="Sequence">The user's change sequence when the generation was saved.</param>
/// <param name="ItemCount">Live items saved.</param>
/// <param name="Bytes">Their content size in bytes (before compression).</param>
/// <param name="Origin">Who saved it: "first-sync", "web", "cli".</param>
public sealed record AreaGeneration(
    long Id,
    long DatastoreId,
    DateTimeOffset Created,
    long Sequence,
    long ItemCount,
    long Bytes,
    string Origin);
