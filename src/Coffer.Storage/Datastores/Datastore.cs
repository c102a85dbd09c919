namespace Coffer.Storage;

/// <summary>One kind of data of one user; items, change queries and sync state hang off its id.</summary>
public sealed record Datastore(long Id, long UserId, DatastoreKind Kind, DateTimeOffset Created);
