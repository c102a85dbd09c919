using System.Security.Cryptography;
using System.Text;
using Coffer.Agent.Sources;
using Coffer.Formats.AppData;

namespace Coffer.Agent.AppData;

/// <summary>
/// The appdata files that are not SQLite databases, backed up by content-defined chunks (docs/file-delta.md): the first
/// backup (and any after the server refused a delta) sends the file; later ones a Replace of the same item whose
/// content is a file delta (<see cref="FileDeltaCodec.ContentType"/>) against the version the server acknowledged last,
/// whose chunk list is kept in <c>state/appdata.files.chunks/</c>. The list moves on only when the server acknowledged
/// the item. A delta larger than half the file goes as the file.
/// </summary>
internal sealed class FileDeltaBackups(string? chunkDirectory, string spool, TimeProvider time)
{
    private readonly Dictionary<string, PendingFile> pending = new(StringComparer.Ordinal);

    /// <summary>Where the chunk lists live beside the appdata state file (none for a restore into a copy: files go whole).</summary>
    public static string? DirectoryFor(string? stateFile) => stateFile == null ? null : Path.ChangeExtension(stateFile, ".chunks");

    /// <summary>What to send for a changed file: a delta, or the file as the folder source read it.</summary>
    public LocalChange Prepare(LocalChange change, string full, AppDataState files)
    {
        if (chunkDirectory == null || change.Content == null)
        {
            return change;
        }

        var path = change.Path!;
        var record = files.Find(path);
        var baseList = change.Kind == ChangeKind.Replace && record is { NeedsFull: false } ? FileChunkList.Load(ListPath(path)) : null;
        var deltaPath = Path.Combine(spool, "appdata-" + change.Luid + ".delta");
        var size = new FileInfo(full).Length;
        var (chunks, delta) = FileDeltaBuilder.Build(full, baseList, deltaPath, size / 2);
        if (delta)
        {
            var body = ItemBody.FromFile(deltaPath);
            if (body.Length <= size / 2)
            {
                pending[change.Luid] = new PendingFile(path, false, chunks, body.Length, deltaPath);
                return change with { Content = body, ContentType = ItemNames.TypeWithName(FileDeltaCodec.ContentType, path) };
            }

            File.Delete(deltaPath);
        }

        // The file as the scan read it; should it have changed since this pass, the server's copy will not be the base
        // the next delta names, the server answers 409 and the file goes whole again.
        pending[change.Luid] = new PendingFile(path, true, chunks, change.Content.Length, null);
        return change;
    }

    /// <summary>A whole file whose interrupted upload goes on: once acknowledged, its chunks are the base of the next delta.</summary>
    public LocalChange? Reopened(LocalChange? change, string full)
    {
        if (chunkDirectory != null && change is { Content: not null, Path: not null })
        {
            var (chunks, _) = FileDeltaBuilder.Build(full, null, string.Empty, 0);
            pending[change.Luid] = new PendingFile(change.Path, true, chunks, change.Content.Length, null);
        }

        return change;
    }

    /// <summary>True when the item was a file this class prepared: its record and chunk list now describe the server's copy.</summary>
    public bool Acknowledged(string luid, AppDataState files)
    {
        if (!pending.Remove(luid, out var sent))
        {
            return false;
        }

        sent.Chunks.Save(ListPath(sent.Path));
        var record = Record(files, sent.Path);
        record.LastBackup = time.GetUtcNow();
        record.LastKind = sent.Full ? "full" : "delta";
        (record.LastBytes, record.FileSize) = (sent.Bytes, sent.Chunks.Length);
        record.NeedsFull = false;
        if (sent.Full)
        {
            record.FullBackups++;
        }
        else
        {
            record.Deltas++;
        }

        Discard(sent);
        return true;
    }

    /// <summary>True when the item was a file this class prepared; a refused delta makes the next backup send the file.</summary>
    public bool Refused(string luid, AppDataState files)
    {
        if (!pending.Remove(luid, out var sent))
        {
            return false;
        }

        if (!sent.Full)
        {
            Record(files, sent.Path).NeedsFull = true;
        }

        Discard(sent);
        return true;
    }

    /// <summary>A file the server sent is the server's copy: its chunks are the base of the next delta.</summary>
    public void Restored(string path, string full, AppDataState files)
    {
        if (chunkDirectory == null || !File.Exists(full))
        {
            return;
        }

        var (chunks, _) = FileDeltaBuilder.Build(full, null, string.Empty, 0);
        chunks.Save(ListPath(path));
        var record = Record(files, path);
        (record.LastBackup, record.LastKind, record.FileSize, record.NeedsFull) = (time.GetUtcNow(), "restored", chunks.Length, false);
    }

    /// <summary>The file is gone: so is its chunk list.</summary>
    public void Forget(string path)
    {
        if (chunkDirectory != null)
        {
            File.Delete(ListPath(path));
        }
    }

    private static AppDataFileRecord Record(AppDataState files, string path)
    {
        var record = files.Find(path);
        if (record == null)
        {
            record = new AppDataFileRecord { Path = path };
            files.Files.Add(record);
        }

        return record;
    }

    private static void Discard(PendingFile sent)
    {
        if (sent.Delta != null)
        {
            File.Delete(sent.Delta);
        }
    }

    private string ListPath(string path) =>
        Path.Combine(chunkDirectory!, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path))) + ".chunks");
}
