namespace Coffer.Backup;

/// <summary>The snapshot formats this build reads, by the kind a manifest records.</summary>
public static class SnapshotFormats
{
    public static ISnapshotFormat? Find(string kind) => kind == SqliteSnapshotFormat.Instance.Kind ? SqliteSnapshotFormat.Instance : null;
}
