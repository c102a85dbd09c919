using Coffer.Formats.AppData;

namespace Coffer.Agent.AppData;

/// <summary>A SQLite file's backup sent in this session and not yet acknowledged: what the server's copy will be at once it is.</summary>
internal sealed record PendingBackup(string Path, bool Full, long Modification, List<SchemaEntry> Schema, long UserVersion, long ApplicationId, long Bytes, long FileSize, string? Copy, AppDataMode Mode, string Snapshot);
