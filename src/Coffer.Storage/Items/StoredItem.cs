namespace Coffer.Storage;

/// <summary>The current state of an item (a live item or a tombstone).</summary>
/// <param name="Id">Server id (the SyncML GUID): a lowercase GUID string that never changes.</param>
/// <param name="UserId">The owner (the datastore's user); the change sequence is this user's.</param>
/// <param name="Version">1 on add, +1 on every replace or delete; the key into the item's history.</param>
/// <param name="Sequence">The user's change sequence value taken by the last write (a delete takes one too).</param>
/// <param name="Deleted">A tombstone: kept so devices learn about the delete through changes-since.</param>
/// <param name="Content">The decoded payload; null for tombstones and when the query asked for headers only.</param>
/// <param name="IdentityKey">HMAC of the normalized identity key (slow-sync twin detection), if any.</param>
/// <param name="Size">Length of the content in bytes (before compression).</param>
/// <param name="Origin">Who made the last change: "device:&lt;device id&gt;", "web", "restore", "import".</param>
public sealed record StoredItem(
    string Id,
    long UserId,
    long DatastoreId,
    long Version,
    long Sequence,
    bool Deleted,
    string ContentType,
    byte[]? Content,
    byte[]? IdentityKey,
    long Size,
    DateTimeOffset Created,
    DateTimeOffset Modified,
    string Origin);
