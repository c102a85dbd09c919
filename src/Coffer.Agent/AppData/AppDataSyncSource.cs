using Coffer.Agent.Sources;
using Coffer.Formats.AppData;
using Microsoft.Data.Sqlite;

namespace Coffer.Agent.AppData;

/// <summary>
/// The appdata datastore (seed 001): files found and named as in the files datastore (<see cref="FolderSyncSource"/>
/// does the scan and the state), but a SQLite database is backed up by its row changes. Its first backup (and any
/// backup after the server refused a change set) sends a consistent copy of the whole file; later ones send a
/// Replace of the same item whose content is a change set (<see cref="SqliteChangeSetCodec.ContentType"/>) read from
/// one snapshot. The modification number the next change set starts from moves only when the server acknowledged
/// the item. A change set larger than half the file is not worth it: the file goes whole instead. Any other file is
/// backed up by its changed chunks (<see cref="FileDeltaBackups"/>). Each file is backed up in the mode
/// <see cref="AppDataModePolicy"/> gives it, carried in its items' content type: in differential mode every change
/// set of a database holds the changes since the last full, which stays the base until the next full.
/// </summary>
public sealed class AppDataSyncSource : IFolderSource
{
    private readonly FolderSyncSource inner;
    private readonly IItemFolder folder;
    private readonly AppDataState files;
    private readonly string? stateFile;
    private readonly string spool;
    private readonly TimeProvider time;
    private readonly AppDataModePolicy modes;
    private readonly Dictionary<string, PendingBackup> pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> deleting = new(StringComparer.Ordinal);
    private readonly FileDeltaBackups deltas;

    /// <param name="stateFile">Where <paramref name="files"/> is saved as the server acknowledges; null for a restore into a copy.</param>
    /// <param name="spool">Where full copies wait while they are sent.</param>
    /// <param name="modes">The mode of each file; all incremental when null.</param>
    public AppDataSyncSource(FolderSyncSource inner, IItemFolder folder, AppDataState files, string? stateFile, string spool, TimeProvider? time = null, AppDataModePolicy? modes = null)
    {
        this.modes = modes ?? AppDataModePolicy.Default;
        this.inner = inner;
        this.folder = folder;
        this.files = files;
        this.stateFile = stateFile;
        this.spool = spool;
        this.time = time ?? TimeProvider.System;
        deltas = new FileDeltaBackups(FileDeltaBackups.DirectoryFor(stateFile), spool, this.time);
    }

    public const string Name = "appdata";

    public DatastoreInfo Datastore => inner.Datastore;

    public string? LastAnchor => inner.LastAnchor;

    public ScanCounts Scan => inner.Scan;

    public IReadOnlyList<LocalChange> CollectChanges(bool all)
    {
        var result = new List<LocalChange>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var paths = inner.State.Items.ToDictionary(i => i.Luid, i => i.Path, StringComparer.Ordinal);
        foreach (var change in inner.CollectChanges(all))
        {
            if (change.Kind == ChangeKind.Delete)
            {
                if (paths.TryGetValue(change.Luid, out var gone))
                {
                    deleting[change.Luid] = gone;
                }

                result.Add(change);
                continue;
            }

            covered.Add(change.Path!);
            var mode = modes.ModeOf(change.Path!);
            var prepared = SqliteFiles.IsDatabase(Full(change.Path!)) ? Prepare(change, mode) : deltas.Prepare(change, Full(change.Path!), files);
            if (prepared != null)
            {
                result.Add(WithMode(prepared, mode));
            }
        }

        // A database in WAL mode may change while its main file does not: its counter tells.
        foreach (var item in all ? [] : inner.State.Items.Where(i => !covered.Contains(i.Path) && files.Find(i.Path) is { NeedsFull: false }))
        {
            var mode = modes.ModeOf(item.Path);
            if (SqliteFiles.IsDatabase(Full(item.Path)) && Prepare(new LocalChange(ChangeKind.Replace, item.Luid, null, null, item.Path, item.Sha256), mode) is { } change)
            {
                result.Add(WithMode(change, mode));
            }
        }

        return result;
    }

    public LocalChange? Reopen(string luid, ChangeKind kind, string path, string? contentType, string sha256, long length, DateTime? modified)
    {
        var copy = CopyPath(luid);
        if (SqliteChangeSetCodec.IsChangeSet(contentType) || FileDeltaCodec.IsFileDelta(contentType))
        {
            return null;
        }

        if (!File.Exists(copy) || !SqliteFiles.IsDatabase(Full(path)))
        {
            var reopened = inner.Reopen(luid, kind, path, contentType, sha256, length, modified);
            return SqliteFiles.IsDatabase(Full(path)) ? reopened : deltas.Reopened(reopened, Full(path));
        }

        var body = ItemBody.FromFile(copy);
        if (body.Length != length || body.Modified != modified)
        {
            return null;
        }

        // The live file moved on since; the copy is what was being sent, and the scan must leave the path alone.
        var live = folder.Read(path);
        var change = inner.Reopen(luid, kind, path, contentType, sha256, live.Length, live.Modified);
        if (change == null)
        {
            return null;
        }

        var snapshot = SqliteSnapshot.Describe(copy);
        pending[luid] = new PendingBackup(path, true, snapshot.Modification, snapshot.Schema, snapshot.UserVersion, snapshot.ApplicationId, body.Length, body.Length, copy, AppDataModes.From(contentType), Fingerprint(snapshot));
        return change with { Content = body };
    }

    public void Acknowledged(LocalChange change)
    {
        inner.Acknowledged(change);
        if (change.Kind == ChangeKind.Delete)
        {
            if (deleting.Remove(change.Luid, out var path))
            {
                files.Files.RemoveAll(f => f.Path == path);
                deltas.Forget(path);
                Save();
            }

            return;
        }

        if (deltas.Acknowledged(change.Luid, files))
        {
            Save();
            return;
        }

        if (!pending.Remove(change.Luid, out var sent))
        {
            return;
        }

        var record = files.Find(sent.Path);
        if (record == null)
        {
            record = new AppDataFileRecord { Path = sent.Path };
            files.Files.Add(record);
        }

        // A differential leaves the base at the last full: the next one holds every change since that full too.
        var differential = !sent.Full && sent.Mode == AppDataMode.Differential;
        if (!differential)
        {
            record.Modification = sent.Modification;
            record.Schema = sent.Schema;
            (record.UserVersion, record.ApplicationId) = (sent.UserVersion, sent.ApplicationId);
        }

        record.Mode = AppDataModes.Name(sent.Mode);
        record.DifferentialsSinceFull = differential ? record.DifferentialsSinceFull + 1 : 0;
        record.LastSnapshot = sent.Snapshot;
        record.LastBackup = time.GetUtcNow();
        record.LastKind = sent.Full ? "full" : "changes";
        (record.LastBytes, record.FileSize) = (sent.Bytes, sent.FileSize);
        record.NeedsFull = false;
        if (sent.Full)
        {
            record.FullBackups++;
        }
        else
        {
            record.ChangeSets++;
        }

        Save();
        Discard(sent);
    }

    public void Refused(LocalChange change, int status)
    {
        ((ISyncSource)inner).Refused(change, status);
        if (deltas.Refused(change.Luid, files))
        {
            Save();
        }

        if (pending.Remove(change.Luid, out var sent))
        {
            // The server's copy is not at our base, or a statement failed there: the next backup sends the file.
            if (!sent.Full && files.Find(sent.Path) is { } record)
            {
                record.NeedsFull = true;
                Save();
            }

            Discard(sent);
        }
    }

    public string AddFromServer(string guid, ItemBody content, string? name)
    {
        var luid = inner.AddFromServer(guid, content, name);
        Restored(luid);
        return luid;
    }

    public bool ReplaceFromServer(string luid, ItemBody content)
    {
        var replaced = inner.ReplaceFromServer(luid, content);
        Restored(luid);
        return replaced;
    }

    public bool DeleteFromServer(string luid)
    {
        var path = inner.State.Items.FirstOrDefault(i => i.Luid == luid)?.Path;
        files.Files.RemoveAll(f => f.Path == path);
        if (path != null)
        {
            deltas.Forget(path);
        }

        return inner.DeleteFromServer(luid);
    }

    public void Completed(string nextAnchor, bool slow) => inner.Completed(nextAnchor, slow);

    /// <summary>What to send for a changed SQLite file: a change set, the whole file, or nothing (null: no row changed).</summary>
    private LocalChange? Prepare(LocalChange change, AppDataMode mode)
    {
        var path = change.Path!;
        var full = Full(path);
        var record = files.Find(path);
        try
        {
            using var connection = SqliteFiles.Open(full);
            ChangeRegister.Install(connection);
            var size = new FileInfo(full).Length;
            if (change.Kind == ChangeKind.Replace && record is { NeedsFull: false } && (AppDataModes.Parse(record.Mode) ?? AppDataMode.Incremental) == mode && record.LastSnapshot == Fingerprint(connection))
            {
                // Nothing since the last backup in this mode (only a checkpoint moved the file): not even a full that is due.
                if (change.Content != null)
                {
                    inner.Acknowledged(change);
                }

                return null;
            }

            if (change.Kind == ChangeKind.Replace && record is { NeedsFull: false } && Continues(record, mode) && ChangeSetBuilder.Build(connection, record) is var (changes, schema))
            {
                var read = Fingerprint(changes.Modification, changes.SchemaDigest, changes.UserVersion, changes.ApplicationId);
                if (ChangeSetBuilder.IsEmpty(changes, record) || (mode == AppDataMode.Differential && read == record.LastSnapshot))
                {
                    // Only the register's own install (or a checkpoint) moved the file: nothing for the server.
                    if (change.Content != null)
                    {
                        inner.Acknowledged(change);
                    }

                    return null;
                }

                var bytes = SqliteChangeSetCodec.Encode(changes);
                if (bytes.Length <= size / 2)
                {
                    pending[change.Luid] = new PendingBackup(path, false, changes.Modification, schema, changes.UserVersion, changes.ApplicationId, bytes.Length, size, null, mode, read);
                    return change with { Content = ItemBody.FromBytes(bytes), ContentType = ItemNames.TypeWithName(SqliteChangeSetCodec.ContentType, path) };
                }
            }

            var snapshot = SqliteSnapshot.Take(connection, CopyPath(change.Luid));
            var body = ItemBody.FromFile(snapshot.CopyPath);
            pending[change.Luid] = new PendingBackup(path, true, snapshot.Modification, snapshot.Schema, snapshot.UserVersion, snapshot.ApplicationId, body.Length, size, snapshot.CopyPath, mode, Fingerprint(snapshot));
            return change with { Content = body, ContentType = change.ContentType ?? ItemNames.TypeWithName(Datastore.ContentType, path) };
        }
        catch (SqliteException)
        {
            // Not a database the agent can open for writing (read-only, damaged, encrypted): the file as it is.
            return change.Content != null ? change : null;
        }
    }

    /// <summary>
    /// Whether the next backup may be a change set against the record's base: a differential needs a differential
    /// base and fewer than <see cref="AppDataModePolicy.FullEvery"/> differentials since it; incremental and history
    /// both apply to the server's current copy, so either goes on from the other but not from a differential base.
    /// </summary>
    private bool Continues(AppDataFileRecord record, AppDataMode mode)
    {
        var last = AppDataModes.Parse(record.Mode) ?? AppDataMode.Incremental;
        return mode == AppDataMode.Differential
            ? last == AppDataMode.Differential && record.DifferentialsSinceFull < modes.FullEvery
            : last != AppDataMode.Differential;
    }

    /// <summary>The file's items carry its mode (incremental, the default, carries nothing).</summary>
    private LocalChange WithMode(LocalChange change, AppDataMode mode) => mode == AppDataMode.Incremental
        ? change
        : change with { ContentType = AppDataModes.With(change.ContentType ?? ItemNames.TypeWithName(Datastore.ContentType, change.Path!), mode) };

    private static string Fingerprint(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT mod FROM coffer_mod WHERE id = 1";
        var modification = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return Fingerprint(modification, SchemaReader.Digest(SchemaReader.Read(connection)), SchemaReader.Pragma(connection, "user_version"), SchemaReader.Pragma(connection, "application_id"));
    }

    private static string Fingerprint(SqliteSnapshot snapshot) =>
        Fingerprint(snapshot.Modification, SchemaReader.Digest(snapshot.Schema), snapshot.UserVersion, snapshot.ApplicationId);

    private static string Fingerprint(long modification, byte[] schemaDigest, long userVersion, long applicationId) =>
        FormattableString.Invariant($"{modification}:{Convert.ToHexStringLower(schemaDigest)}:{userVersion}:{applicationId}");

    private void Discard(PendingBackup sent)
    {
        if (sent.Copy != null)
        {
            File.Delete(sent.Copy);
        }
    }

    /// <summary>A database the server sent is at the server's modification number: the next backup goes on from it.</summary>
    private void Restored(string luid)
    {
        var path = inner.State.Items.FirstOrDefault(i => i.Luid == luid)?.Path;
        if (path == null)
        {
            return;
        }

        if (!SqliteFiles.IsDatabase(Full(path)))
        {
            deltas.Restored(path, Full(path), files);
            Save();
            return;
        }

        files.Files.RemoveAll(f => f.Path == path);
        try
        {
            var snapshot = SqliteSnapshot.Describe(Full(path));
            files.Files.Add(new AppDataFileRecord
            {
                Path = path,
                Modification = snapshot.Modification,
                Schema = snapshot.Schema,
                UserVersion = snapshot.UserVersion,
                ApplicationId = snapshot.ApplicationId,
                LastBackup = time.GetUtcNow(),
                LastKind = "restored",

                // The server's current copy is the base now, as in incremental mode: a differential file sends a full next.
                Mode = AppDataModes.Name(AppDataMode.Incremental),
                LastSnapshot = Fingerprint(snapshot),
                FileSize = new FileInfo(Full(path)).Length,
            });
        }
        catch (SqliteException)
        {
            // No register in it (a database backed up as a plain file): its next backup sends it whole.
        }

        Save();
    }

    private void Save()
    {
        if (stateFile != null)
        {
            AppDataStateFile.Save(stateFile, files);
        }
    }

    private string Full(string path) => ItemPaths.Full(folder.Root, path);

    private string CopyPath(string luid) => Path.Combine(spool, "appdata-" + luid + ".sqlite");
}
