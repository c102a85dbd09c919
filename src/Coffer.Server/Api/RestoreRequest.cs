namespace Coffer.Server.Api;

/// <summary>The body of POST /api/restore.</summary>
/// <param name="Scope">"item", "datastore" or "account".</param>
/// <param name="Datastore">The datastore (contacts, events, tasks, notes...) for the item and datastore scopes.</param>
/// <param name="ItemId">The item, for the item scope.</param>
/// <param name="At">The point in time; for an item it may be left out to restore its last live version (undelete).</param>
public sealed record RestoreRequest(string Scope, string? Datastore, string? ItemId, DateTimeOffset? At);
