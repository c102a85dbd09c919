using Coffer.Storage;

namespace Coffer.Sync.Tests.Replay;

/// <summary>A change Horde made on the server side in a session (Add, Replace, Delete), which Coffer must send too.</summary>
public sealed record ServerChange(string Op, string? Luid, DatastoreKind Kind, string Type, string? Text);
