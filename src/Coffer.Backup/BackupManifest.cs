using System.Text.Json;
using System.Text.Json.Serialization;
using Coffer.Formats.Chunking;

namespace Coffer.Backup;

/// <summary>
/// One backup: what was snapshotted (source kind, schema version, master key), how to put the file together again
/// (chunk ids in order, chunk size, length) and what it must hold (item counts per user). Stored as JSON, sealed as a
/// <see cref="BackupObjectKind.Manifest"/> object under "snapshots/ID".
/// </summary>
public sealed record BackupManifest
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>"20261206T033000123Z-1a2b3c4d": the UTC time of the snapshot (to the millisecond) and 32 random bits; sorts by time.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset Created { get; init; }

    /// <summary>The snapshot format (<see cref="ISnapshotFormat.Kind"/>): "sqlite".</summary>
    public required string Source { get; init; }

    public required int SchemaVersion { get; init; }

    /// <summary>The master key the store's data keys are wrapped by, and that this backup's keys derive from.</summary>
    public required string MasterKeyId { get; init; }

    /// <summary>The name of the snapshot file in a data directory ("coffer.db").</summary>
    public required string FileName { get; init; }

    public required long FileLength { get; init; }

    /// <summary>Fixed chunks: the size of each (the last may be shorter). Content-defined chunks: the average size.</summary>
    public required int ChunkSize { get; init; }

    /// <summary>The chunks in file order. An id may repeat.</summary>
    public required IReadOnlyList<string> Chunks { get; init; }

    /// <summary>The length of each chunk when they were cut by content (<see cref="ContentDefinedChunker"/>); null for fixed chunks.</summary>
    public IReadOnlyList<int>? ChunkLengths { get; init; }

    /// <summary>Where each chunk starts in the file and how long it is.</summary>
    public IReadOnlyList<(long Offset, int Length)> Spans()
    {
        var spans = new (long Offset, int Length)[Chunks.Count];
        var offset = 0L;
        for (var i = 0; i < spans.Length; i++)
        {
            var length = ChunkLengths is { } lengths ? lengths[i] : (int)Math.Min(ChunkSize, FileLength - offset);
            spans[i] = (offset, length);
            offset += length;
        }

        return spans;
    }

    public required IReadOnlyList<UserItemCount> Users { get; init; }

    /// <summary>Chunks and bytes this backup wrote (the others were already stored by an earlier one).</summary>
    public int NewChunks { get; init; }

    public long NewBytes { get; init; }

    /// <summary>Stored bytes of all the distinct chunks this backup needs (shared ones included).</summary>
    public long StoredBytes { get; init; }

    [JsonIgnore]
    public long TotalItems => Users.Sum(u => u.Items);

    /// <summary>The object name of the manifest of <paramref name="id"/>.</summary>
    public static string ObjectName(string id) => SnapshotPrefix + id;

    public const string SnapshotPrefix = "snapshots/";

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, BackupJsonContext.Default.BackupManifest);

    public static BackupManifest FromJson(ReadOnlySpan<byte> json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, BackupJsonContext.Default.BackupManifest) ?? throw new BackupException($"{what}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new BackupException($"{what}: not a manifest ({e.Message})", e);
        }
    }
}
