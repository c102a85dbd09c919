namespace Coffer.Storage;

/// <summary>Finds the master key a store opens with, and checks it against the keys the database holds.</summary>
public static class MasterKeys
{
    /// <summary>
    /// The master key of <paramref name="options"/> (configuration, else the key file, created only while the database
    /// holds no data key). <paramref name="idsInUse"/> are the master key ids of the stored data keys: the key must be
    /// theirs. A rotation interrupted after its commit (the new key still in <see cref="MasterKeyFile.NewFileName"/>)
    /// is finished here.
    /// </summary>
    public static MasterKey Load(StorageOptions options, IReadOnlyCollection<string> idsInUse)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(idsInUse);
        var dataDir = Path.GetFullPath(options.DataDir);
        if (idsInUse.Count > 1)
        {
            throw new StorageException($"the data keys are wrapped by {idsInUse.Count} different master keys ({string.Join(", ", idsInUse)}); a rotation went wrong");
        }

        var inUse = idsInUse.FirstOrDefault();
        var key = MasterKeyFile.Resolve(dataDir, options.MasterKey, options.MasterKeySource, mayCreate: inUse is null);
        if (inUse is null || key.Id == inUse)
        {
            return key;
        }

        if (options.MasterKey is null && FinishRotation(dataDir, inUse) is { } finished)
        {
            return finished;
        }

        throw new StorageException($"the data keys are wrapped by master key {inUse}, but {key} is not it: " +
            "give the right key (the file, Coffer:Storage:MasterKey or COFFER_MASTER_KEY); with another key nothing can be read");
    }

    /// <summary>The file's key again (after another process rotated it), or null when it cannot change.</summary>
    public static Func<MasterKey?>? Reloader(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MasterKey is not null)
        {
            return null;
        }

        var path = Path.Combine(Path.GetFullPath(options.DataDir), MasterKeyFile.FileName);
        return () => MasterKeyFile.TryRead(path);
    }

    /// <summary>
    /// The data keys were re-wrapped under the key in master.key.new, and the files were not yet swapped: keep the old
    /// key as master.key.old and make the new one master.key.
    /// </summary>
    internal static MasterKey? FinishRotation(string dataDir, string inUse)
    {
        var next = Path.Combine(dataDir, MasterKeyFile.NewFileName);
        if (MasterKeyFile.TryRead(next) is not { } pending || pending.Id != inUse)
        {
            return null;
        }

        var path = Path.Combine(dataDir, MasterKeyFile.FileName);
        var old = Path.Combine(dataDir, MasterKeyFile.OldFileName);
        if (File.Exists(path))
        {
            File.Move(path, old, overwrite: false);
        }

        File.Move(next, path);
        return pending.WithSource($"file {path}");
    }
}
