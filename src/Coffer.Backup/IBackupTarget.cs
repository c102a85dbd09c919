namespace Coffer.Backup;

/// <summary>
/// Where backups are kept: a flat namespace of whole objects ("snapshots/ID", "chunks/ab/abcd…"), each written at once
/// and atomically (a reader sees the old object, the new one or none, never a part). Everything written is already
/// encrypted: a target never sees a key or clear data.
/// </summary>
public interface IBackupTarget : IAsyncDisposable
{
    /// <summary>For logs and messages: "directory /srv/backups", "s3://bucket/prefix".</summary>
    string Description { get; }

    /// <summary>The objects whose name starts with <paramref name="prefix"/>, with their sizes in bytes.</summary>
    Task<IReadOnlyDictionary<string, long>> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The object, or null when there is none of that name.</summary>
    Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Writes (or replaces) the object, durably, before returning.</summary>
    Task WriteAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Deletes the object; nothing happens when it does not exist.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the writer's lock: one backup or prune at a time, so a prune never deletes a chunk that a backup in
    /// progress counted on finding. Fails with <see cref="BackupException"/> when another process holds it.
    /// </summary>
    Task<IAsyncDisposable> LockAsync(CancellationToken cancellationToken);
}
