namespace Coffer.Backup;

/// <summary>The snapshot formats this build reads, by the kind a manifest records.</summary>
public static class SnapshotFormats
{
    public static ISnapshotFormat? Find(string kind) => kind switch
    {
        "sqlite" => SqliteSnapshotFormat.Instance,
        "postgres" => PostgresSnapshotFormat.Instance,
        _ => null,
    };
}
