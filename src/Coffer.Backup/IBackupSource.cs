namespace Coffer.Backup;

/// <summary>A store that can be copied while it serves: one consistent snapshot of everything, as one file.</summary>
public interface IBackupSource
{
    ISnapshotFormat Format { get; }

    /// <summary>Takes the snapshot (writers keep going; what they commit afterwards is not in it).</summary>
    Task<StoreSnapshot> CreateSnapshotAsync(CancellationToken cancellationToken);
}
