using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>The reply to one message and the session token it belongs to (null when no session was opened).</summary>
internal sealed record MessageOutcome(SyncMLMessage Reply, string? Token);
