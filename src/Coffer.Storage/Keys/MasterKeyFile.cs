namespace Coffer.Storage;

/// <summary>
/// The master key file in the data directory: one base64 line, mode 0600, created on first use. It sits next to the
/// database but is not part of it: a copy of coffer.db alone opens nothing, and the file belongs off the backup
/// medium (docs/security.md). During a rotation the new key is first written to <see cref="NewFileName"/>; once the
/// data keys are re-wrapped it becomes <see cref="FileName"/> and the previous key is kept as <see cref="OldFileName"/>
/// until the operator confirms.
/// </summary>
public static class MasterKeyFile
{
    public const string FileName = "master.key";
    public const string NewFileName = "master.key.new";
    public const string OldFileName = "master.key.old";

    /// <summary>Configuration key of the master key (base64).</summary>
    public const string ConfigurationKey = "Coffer:Storage:MasterKey";

    /// <summary>Environment variable of the master key (base64), when the configuration has none.</summary>
    public const string EnvironmentVariable = "COFFER_MASTER_KEY";

    /// <summary>The configured master key and where it came from: <paramref name="configured"/>, else the environment; (null, _) for the key file.</summary>
    public static (string? Key, string Source) Configured(string? configured) =>
        !string.IsNullOrWhiteSpace(configured) ? (configured, "configuration " + ConfigurationKey)
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? (fromEnvironment, "environment " + EnvironmentVariable)
        : (null, "file");

    /// <summary>Reads the key file; null when it does not exist.</summary>
    public static MasterKey? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        PrivateFiles.Restrict(path);
        var text = File.ReadAllText(path);
        return MasterKey.FromBase64(text, $"file {path}");
    }

    /// <summary>Writes a new key file (0600 from its first byte, flushed to disk); fails if it exists.</summary>
    public static void Write(string path, MasterKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(key.ToBase64() + "\n"));
            stream.Flush(flushToDisk: true);
        }

        PrivateFiles.Restrict(path);
    }

    /// <summary>
    /// The master key: <paramref name="configured"/> (base64, from configuration or the environment) when given, else
    /// the key file of <paramref name="dataDir"/>, created when missing and <paramref name="mayCreate"/>.
    /// </summary>
    public static MasterKey Resolve(string dataDir, string? configured, string configuredSource, bool mayCreate)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return MasterKey.FromBase64(configured, configuredSource);
        }

        var path = Path.Combine(dataDir, FileName);
        if (TryRead(path) is { } existing)
        {
            return existing;
        }

        if (!mayCreate)
        {
            throw new StorageException($"the master key file {path} is missing, and the database holds data keys wrapped by a master key: " +
                "restore the file (or give the key as Coffer:Storage:MasterKey / COFFER_MASTER_KEY); a new key would open nothing");
        }

        PrivateFiles.EnsureDirectory(dataDir);
        var created = MasterKey.Generate($"file {path}");
        try
        {
            Write(path, created);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return TryRead(path)!;
        }

        return created;
    }
}
