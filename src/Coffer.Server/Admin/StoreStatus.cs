namespace Coffer.Server.Admin;

/// <summary>The store and its daily backup as the administration's status page and GET /api/admin/status show them.</summary>
/// <param name="DatabaseBytes">Disk taken by the store (SQLite files, or the PostgreSQL database).</param>
/// <param name="ContentBytes">Content bytes of all live items (before compression).</param>
/// <param name="LastBackupOk">Whether the last attempted backup succeeded and verified; null before the first.</param>
public sealed record StoreStatus(
    string Provider,
    long DatabaseBytes,
    int Users,
    long Items,
    long ContentBytes,
    bool BackupConfigured,
    DateTimeOffset? LastBackupRun,
    bool? LastBackupOk,
    string? LastBackupError,
    string? LastBackupId,
    long? LastBackupItems,
    long? LastBackupStoredBytes,
    DateTimeOffset? NextBackup);
