namespace Coffer.Storage;

/// <summary>A deleted item whose last content is still in the history (it can be restored).</summary>
/// <param name="DeletedAt">When the tombstone was written.</param>
/// <param name="DeletedBy">The origin of the delete ("device:N", "web", "recovery", "restore").</param>
/// <param name="LastVersion">The version before the delete, with its content.</param>
public sealed record DeletedItem(string ItemId, long DatastoreId, DateTimeOffset DeletedAt, string DeletedBy, ItemVersion LastVersion);
