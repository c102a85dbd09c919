using Coffer.Storage;

namespace Coffer.Backup;

/// <summary>
/// Backups in a directory (a second disk, a mounted NAS): 0700 directories, 0600 files, each object written to a
/// temporary name, flushed, renamed into place and its directory flushed, so a crash leaves the old object or the new
/// one. A file "lock" held open exclusively (flock on Unix) keeps a second writer out.
/// </summary>
public sealed class DirectoryBackupTarget : IBackupTarget
{
    private const string LockName = "lock";
    private const string TempSuffix = ".tmp";

    public DirectoryBackupTarget(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string Description => "directory " + Root;

    public Task<IReadOnlyDictionary<string, long>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        if (Directory.Exists(Root))
        {
            foreach (var file in new DirectoryInfo(Root).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = Path.GetRelativePath(Root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (name.StartsWith(prefix, StringComparison.Ordinal) && !name.EndsWith(TempSuffix, StringComparison.Ordinal) && name != LockName)
                {
                    found[name] = file.Length;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, long>>(found);
    }

    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task WriteAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        var directory = Path.GetDirectoryName(path)!;
        PrivateFiles.EnsureDirectory(directory);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + TempSuffix;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        DirectorySync.Flush(directory);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(name));
        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable> LockAsync(CancellationToken cancellationToken)
    {
        PrivateFiles.EnsureDirectory(Root);
        var path = Path.Combine(Root, LockName);
        PrivateFiles.EnsureFile(path);
        try
        {
            // FileShare.None takes flock(LOCK_EX | LOCK_NB) on Unix: another process (or another open here) fails at once.
            var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return Task.FromResult<IAsyncDisposable>(stream);
        }
        catch (IOException e)
        {
            throw new BackupException($"another backup or prune is running on {Description} (it holds {path})", e);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string PathOf(string name)
    {
        if (name.Length == 0 || name.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(name))
        {
            throw new ArgumentException($"not an object name: {name}", nameof(name));
        }

        return Path.Combine(Root, name.Replace('/', Path.DirectorySeparatorChar));
    }
}
