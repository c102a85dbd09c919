using Coffer.Storage;

namespace Coffer.Sync.AppData;

/// <summary>
/// A private temporary file (mode 0600 from its creation, in a 0700 directory) holding a decrypted copy while it is
/// worked on; disposing it deletes it and SQLite's journal beside it.
/// </summary>
public sealed class ScratchFile : IDisposable
{
    private ScratchFile(string path) => Path = path;

    public string Path { get; }

    public static ScratchFile Create(string? directory)
    {
        var dir = directory ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coffer-scratch");
        PrivateFiles.EnsureDirectory(dir);
        var path = System.IO.Path.Combine(dir, "appdata-" + Guid.NewGuid().ToString("N") + ".sqlite");
        PrivateFiles.EnsureFile(path);
        return new ScratchFile(path);
    }

    public FileStream OpenWrite() => new(Path, FileMode.Truncate, FileAccess.Write, FileShare.None, 1 << 16);

    public FileStream OpenRead() => new(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    public void Dispose()
    {
        foreach (var suffix in (string[])["", "-journal", "-wal", "-shm"])
        {
            File.Delete(Path + suffix);
        }
    }
}
