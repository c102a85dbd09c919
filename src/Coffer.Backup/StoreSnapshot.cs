namespace Coffer.Backup;

/// <summary>
/// A consistent copy of the whole store as one file in a private work directory, with what the source counted in it.
/// The caller deletes <see cref="WorkDirectory"/> when done.
/// </summary>
public sealed record StoreSnapshot(
    string Path,
    string WorkDirectory,
    int SchemaVersion,
    IReadOnlyList<string> MasterKeyIds,
    IReadOnlyList<UserItemCount> Users);
