using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// One item of a client's Add, Replace or Delete: the command it came in, its LUID (Source) and Target, its content
/// type, and the server ids the LUIDs of its command map to (read once per command).
/// </summary>
internal sealed record ClientItem(ItemCommand Command, string? Luid, string? TargetUri, string? Type, IReadOnlyDictionary<string, string> Mapped);
