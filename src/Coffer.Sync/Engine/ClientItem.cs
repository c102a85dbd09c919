using Coffer.SyncML;

namespace Coffer.Sync.Engine;

/// <summary>
/// One item of a client's Add, Replace or Delete: the command it came in, its LUID (Source) and Target, its content
/// type, the server ids the LUIDs of its Sync map to (<see cref="SyncLookups"/>: kept current while the Sync is applied),
/// and its normalized copy when it was read ahead (a text item of a slow or refresh-from-client sync).
/// </summary>
internal sealed record ClientItem(ItemCommand Command, string? Luid, string? TargetUri, string? Type, IReadOnlyDictionary<string, string> Mapped, DeviceCopy? Copy = null);
