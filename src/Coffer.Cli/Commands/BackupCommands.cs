using System.CommandLine;
using System.Globalization;
using Coffer.Backup;
using Coffer.Cli.Configuration;
using Coffer.Storage;
using Coffer.Storage.Providers;
using Coffer.Sync.Content;
using Coffer.Sync.Maintenance;

namespace Coffer.Cli.Commands;

/// <summary>
/// <c>coffer backup now|list|verify|restore</c>: encrypted, deduplicated backups of a store (the SQLite file of --data,
/// or the PostgreSQL database of --provider postgres --connection) in a second location, a directory or
/// s3://BUCKET/PREFIX (docs/backup.md). The master key is never in a backup: verify and restore need it from the data
/// directory, --master-key-file or COFFER_MASTER_KEY. The store is chosen as for every verb (<see cref="StoreSelection"/>).
/// </summary>
internal static class BackupCommands
{
    public static Command Create(StoreSelection store, ServerSettings settings)
    {
        var data = store.Data;
        var keyFile = new Option<FileInfo?>("--master-key-file") { Description = "the master key file (one base64 line), when it is not in the data directory or COFFER_MASTER_KEY" };
        var to = new Option<string>("--to") { Description = "the backup location: a directory, or s3://BUCKET/PREFIX", Required = true };
        var from = new Option<string>("--from") { Description = "the backup location: a directory, or s3://BUCKET/PREFIX", Required = true };
        var keep = new Option<int>("--keep") { Description = "backups to keep (the newest); older ones and the chunks only they use are deleted", DefaultValueFactory = _ => 7 };

        var now = store.AddTo(new Command("now", "Back the store up now (consistent while the server runs), verify the backup by reading it back, keep the newest --keep") { to, keep });
        now.SetAction((pr, ct) => store.RunAsync(pr, (target, io) => NowAsync(pr.GetValue(to)!, target, pr.GetValue(keep), io, ct)));

        var list = new Command("list", "List the backups in a location, oldest first") { from, data, keyFile };
        list.SetAction((pr, ct) => ListAsync(pr.GetValue(from)!, pr.GetValue(data)!, pr.GetValue(keyFile), settings, pr.InvocationConfiguration, ct));

        var verifyId = new Argument<string?>("ID") { Description = "the backup (an id, a unique prefix of one, or 'latest'); all when omitted", Arity = ArgumentArity.ZeroOrOne };
        var verify = new Command("verify", "Read a backup back: every authentication tag and chunk hash, then the item counts of the reassembled store; names each damaged part") { verifyId, from, data, keyFile };
        verify.SetAction((pr, ct) => VerifyAsync(pr.GetValue(from)!, pr.GetValue(verifyId), pr.GetValue(data)!, pr.GetValue(keyFile), settings, pr.InvocationConfiguration, ct));

        var restoreId = new Argument<string>("ID") { Description = "the backup (an id, a unique prefix of one, or 'latest')" };
        var target = new Option<DirectoryInfo>("--to")
        {
            Description = "the data directory to restore into: empty or new (PostgreSQL: the server's data directory, for the master key file; the data goes into the empty database of --connection)",
            Required = true,
        };
        var restore = new Command(
            "restore",
            "Restore a backup into an empty data directory (or empty PostgreSQL database), verified on the way; with --master-key-file the key file is created in the data directory too; then the store is checked as by 'coffer check'")
        { restoreId, from, target, keyFile, store.Provider, store.Connection };
        restore.SetAction((pr, ct) => store.RunAsync(pr, (_, io) => RestoreAsync(pr.GetValue(from)!, pr.GetValue(restoreId)!, Destination(pr, store, settings, pr.GetValue(target)!), pr.GetValue(keyFile), settings, io, ct)));

        return new Command("backup", "Daily secondary backup: make, list, verify and restore backups") { now, list, verify, restore };
    }

    private static async Task<int> NowAsync(string location, StoreTarget data, int keep, InvocationConfiguration io, CancellationToken ct)
    {
        if (keep < 1)
        {
            return CliErrors.Fail(io.Error, "--keep must be at least 1");
        }

        try
        {
            await using var store = await data.OpenAsync(mayCreate: false, ct);
            await using var target = BackupLocation.Open(location);
            var repository = new BackupRepository(target, new BackupKeys(store.KeyRing.Master));
            IBackupSource source = data.Provider == StoreProvider.Postgres
                ? new PostgresBackupSource(data.ConnectionString!, data.Data.FullName)
                : new SqliteBackupSource(data.Data.FullName);
            var result = await repository.CreateAsync(source, keep, new BackupProgressWriter(io.Error), ct);
            var m = result.Manifest;
            var output = io.Output;
            output.WriteLine($"backup {m.Id} to {target.Description}: {m.Users.Count} users, {m.TotalItems} items ({m.Users.Sum(u => u.Versions)} versions)");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  snapshot {m.FileLength} bytes in {m.Chunks.Count} chunks: {m.NewChunks} new, {m.NewBytes} bytes written, {m.Chunks.Count - m.NewChunks} unchanged (not rewritten); stored {m.StoredBytes} bytes; {result.Duration.TotalSeconds:F1} s"));
            if (!result.Ok)
            {
                WriteDamage(output, result.Verify);
                return CliErrors.Fail(io.Error, $"backup {m.Id} failed its verification; it is kept for inspection, nothing was pruned");
            }

            output.WriteLine($"  verified: {result.Verify.ChunksRead} chunks read back, every tag and hash matches, item counts match");
            if (result.Prune is { } prune)
            {
                output.WriteLine($"  kept the newest {keep}: pruned {prune.DeletedBackups.Count} backup(s), {prune.DeletedChunks} chunk(s) ({prune.DeletedBytes} bytes)" + (prune.Note is { } note ? $"; {note}" : string.Empty));
            }

            return CliErrors.Ok;
        }
        catch (Exception e) when (e is BackupException or StorageException or IOException or UnauthorizedAccessException)
        {
            return CliErrors.Fail(io.Error, e.Message);
        }
    }

    private static async Task<int> ListAsync(string location, DirectoryInfo data, FileInfo? keyFile, ServerSettings settings, InvocationConfiguration io, CancellationToken ct)
    {
        try
        {
            await using var target = BackupLocation.Open(location);
            var repository = new BackupRepository(target, new BackupKeys(Key(data, keyFile, settings)));
            var entries = await repository.ListAsync(ct);
            var output = io.Output;
            if (entries.Count == 0)
            {
                output.WriteLine($"no backups in {target.Description}");
                return CliErrors.Ok;
            }

            output.WriteLine($"{"ID",-28} {"CREATED",-20} {"USERS",6} {"ITEMS",9} {"SIZE",14} {"STORED",14} {"WRITTEN",14}");
            foreach (var entry in entries)
            {
                if (entry.Manifest is { } m)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Id,-28} {CliStore.Time(m.Created),-20} {m.Users.Count,6} {m.TotalItems,9} {m.FileLength,14} {m.StoredBytes,14} {m.NewBytes,14}"));
                }
                else
                {
                    output.WriteLine($"{entry.Id,-28} cannot be read: {entry.Problem}");
                }
            }

            return CliErrors.Ok;
        }
        catch (Exception e) when (e is BackupException or StorageException or IOException or UnauthorizedAccessException)
        {
            return CliErrors.Fail(io.Error, e.Message);
        }
    }

    private static async Task<int> VerifyAsync(string location, string? id, DirectoryInfo data, FileInfo? keyFile, ServerSettings settings, InvocationConfiguration io, CancellationToken ct)
    {
        try
        {
            await using var target = BackupLocation.Open(location);
            var repository = new BackupRepository(target, new BackupKeys(Key(data, keyFile, settings)));
            var ids = id is null
                ? (await repository.ListAsync(ct)).Select(e => e.Id).ToList()
                : [await repository.ResolveAsync(id, ct)];
            if (ids.Count == 0)
            {
                return CliErrors.Fail(io.Error, $"no backups in {target.Description}");
            }

            var damaged = 0;
            foreach (var one in ids)
            {
                var report = await repository.VerifyAsync(one, new BackupProgressWriter(io.Error), ct);
                io.Output.WriteLine($"backup {one}: {report.ChunksRead} chunks, {report.BytesRead} bytes read");
                if (report.Ok)
                {
                    io.Output.WriteLine($"  ok: every authentication tag and chunk hash matches; item counts match the manifest ({report.Manifest!.Users.Count} users, {report.Manifest.TotalItems} items)");
                }
                else
                {
                    damaged++;
                    WriteDamage(io.Output, report);
                }
            }

            return damaged == 0 ? CliErrors.Ok : CliErrors.Fail(io.Error, $"{damaged} of {ids.Count} backup(s) damaged");
        }
        catch (Exception e) when (e is BackupException or StorageException or IOException or UnauthorizedAccessException)
        {
            return CliErrors.Fail(io.Error, e.Message);
        }
    }

    // The restore's destination: --to as the data directory, the provider and connection as for every verb.
    private static StoreTarget Destination(ParseResult pr, StoreSelection store, ServerSettings settings, DirectoryInfo to)
    {
        var name = pr.GetValue(store.Provider) ?? settings[StoreFactory.ProviderKey];
        StoreProvider provider;
        try
        {
            provider = StoreFactory.ParseProvider(name);
        }
        catch (ArgumentException)
        {
            throw new StoreUnavailableException($"unknown storage provider '{name}': sqlite or postgres (--provider, {StoreFactory.ProviderKey})");
        }

        var connection = pr.GetValue(store.Connection) ?? (provider == StoreProvider.Postgres ? settings[StoreFactory.ConnectionStringKey] : null);
        if (provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(connection))
        {
            throw new StoreUnavailableException($"a PostgreSQL restore needs the connection string of an empty database: --connection \"Host=...;Database=...;Username=...\" or {StoreFactory.ConnectionStringKey}");
        }

        var (key, source) = settings.MasterKey();
        return new StoreTarget(provider, connection, to, key, source);
    }

    private static async Task<int> RestoreAsync(string location, string id, StoreTarget destination, FileInfo? keyFile, ServerSettings settings, InvocationConfiguration io, CancellationToken ct)
    {
        var to = destination.Data;
        if (keyFile is null && settings.MasterKey().Key is null
            && (destination.Provider == StoreProvider.Sqlite || !File.Exists(Path.Combine(to.FullName, MasterKeyFile.FileName))))
        {
            return CliErrors.Fail(io.Error, "the master key is not in the backup: give it with --master-key-file FILE (or COFFER_MASTER_KEY)");
        }

        try
        {
            var key = Key(to, keyFile, settings);
            await using var target = BackupLocation.Open(location);
            var repository = new BackupRepository(target, new BackupKeys(key));
            var resolved = await repository.ResolveAsync(id, ct);
            var into = new RestoreDestination(to.FullName, destination.Provider == StoreProvider.Postgres ? destination.ConnectionString : null);
            var report = await repository.RestoreAsync(resolved, into, new BackupProgressWriter(io.Error), ct);
            if (!report.Ok)
            {
                WriteDamage(io.Output, report);
                return CliErrors.Fail(io.Error, $"backup {resolved} is damaged: nothing was restored into {into.Describe()}");
            }

            var m = report.Manifest!;
            io.Output.WriteLine($"restored backup {m.Id} ({CliStore.Time(m.Created)}) into {into.Describe()}: {m.Users.Count} users, {m.TotalItems} items, verified");
            if (keyFile is not null && MasterKeyFile.TryRead(Path.Combine(to.FullName, MasterKeyFile.FileName)) is { } present)
            {
                // A PostgreSQL server's data directory may hold its key file already.
                io.Output.WriteLine(present.Id == key.Id
                    ? $"master key {key.Id} is in {Path.Combine(to.FullName, MasterKeyFile.FileName)} already"
                    : $"warning: {Path.Combine(to.FullName, MasterKeyFile.FileName)} holds master key {present.Id}, not {key.Id} of the backup: start the server with the backup's key");
            }
            else if (keyFile is not null)
            {
                PrivateFiles.EnsureDirectory(to.FullName);
                MasterKeyFile.Write(Path.Combine(to.FullName, MasterKeyFile.FileName), key);
                io.Output.WriteLine($"master key {key.Id} written to {Path.Combine(to.FullName, MasterKeyFile.FileName)}");
            }
            else
            {
                io.Output.WriteLine($"master key {key.Id} from {key.Source}: start the server with the same setting");
            }

            await using var store = await destination.OpenAsync(mayCreate: false, ct);
            var check = await StoreCheck.RunAsync(store, ContentHandlers.CreateDefault(), ct);
            io.Output.WriteLine($"checked {check.Users} users, {check.Items} items, {check.Payloads} stored payloads");
            if (!check.Ok)
            {
                foreach (var problem in check.Problems)
                {
                    io.Output.WriteLine($"  {problem.Where}: {problem.What}");
                }

                return CliErrors.Fail(io.Error, $"the restored store has {check.Problems.Count} problem(s) (as the backed-up store had)");
            }

            io.Output.WriteLine("ok: no problems found; start the server on it");
            return CliErrors.Ok;
        }
        catch (Exception e) when (e is BackupException or StorageException or IOException or UnauthorizedAccessException)
        {
            return CliErrors.Fail(io.Error, e.Message);
        }
    }

    /// <summary>The master key: --master-key-file, else Coffer:Storage:MasterKey or COFFER_MASTER_KEY, else the key file of the data directory.</summary>
    private static MasterKey Key(DirectoryInfo data, FileInfo? keyFile, ServerSettings settings)
    {
        if (keyFile is not null)
        {
            return File.Exists(keyFile.FullName)
                ? MasterKey.FromBase64(File.ReadAllText(keyFile.FullName), $"file {keyFile.FullName}")
                : throw new BackupException($"no master key file {keyFile.FullName}");
        }

        var (configured, source) = settings.MasterKey();
        if (configured is not null)
        {
            return MasterKey.FromBase64(configured, source);
        }

        return MasterKeyFile.TryRead(Path.Combine(data.FullName, MasterKeyFile.FileName))
            ?? throw new BackupException($"no master key: {Path.Combine(data.FullName, MasterKeyFile.FileName)} does not exist; give --master-key-file FILE or COFFER_MASTER_KEY (backups never hold it)");
    }

    private static void WriteDamage(TextWriter output, VerifyReport report)
    {
        foreach (var damage in report.Damage)
        {
            output.WriteLine($"  damaged: {damage}");
        }
    }
}
