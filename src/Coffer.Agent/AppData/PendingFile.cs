namespace Coffer.Agent.AppData;

/// <summary>A non-database file's backup sent in this session and not yet acknowledged: the chunks the server's copy will have once it is.</summary>
internal sealed record PendingFile(string Path, bool Full, FileChunkList Chunks, long Bytes, string? Delta);
