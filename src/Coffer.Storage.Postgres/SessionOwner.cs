namespace Coffer.Storage.Postgres;

/// <summary>The user of a session row (null before login), as a reference type for single-row queries.</summary>
internal sealed record SessionOwner(long? UserId);
