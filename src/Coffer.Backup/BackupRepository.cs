using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Coffer.Storage;

namespace Coffer.Backup;

/// <summary>
/// Backups of a store in a target (docs/backup.md): the snapshot is cut into fixed-size chunks, each sealed and stored
/// once under its keyed hash; a manifest per backup lists them. Writing is followed by a full read-back (every tag,
/// every hash, the item counts of the reassembled store); the newest <c>keep</c> backups are kept and chunks no kept
/// backup uses are deleted.
/// </summary>
public sealed class BackupRepository(IBackupTarget target, BackupKeys keys, TimeProvider? timeProvider = null)
{
    /// <summary>
    /// 64 KiB: 16 pages of SQLite's 4 KiB. Small enough that a sync touching a few dozen pages rewrites a few dozen
    /// chunks, not the file; large enough that a 120 MB store is under 2,000 objects.
    /// </summary>
    public const int DefaultChunkSize = 64 * 1024;

    public const string ChunkPrefix = "chunks/";

    /// <summary>Where a restore reassembles the snapshot: in the data directory, on the disk it is meant for.</summary>
    public const string RestoreWorkDirectoryName = "restore-work";

    // Chunks handled together: hashed and sealed on every core, read and written concurrently.
    private const int Batch = 32;

    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    public IBackupTarget Target => target;

    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>Snapshots the store, stores what is new, verifies the backup by reading it back, then prunes to <paramref name="keep"/>.</summary>
    public async Task<BackupResult> CreateAsync(IBackupSource source, int keep, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var started = time.GetTimestamp();
        await using var held = await target.LockAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new BackupProgress("snapshot", 0, 0));
        var snapshot = await source.CreateSnapshotAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (snapshot.MasterKeyIds.Any(id => id != keys.MasterKeyId))
            {
                throw new BackupException($"the store's data keys are wrapped by master key {string.Join(", ", snapshot.MasterKeyIds)}, " +
                    $"but the backup keys come from {keys.MasterKeyId} (a rotation in progress? run the backup again)");
            }

            var created = time.GetUtcNow();
            var id = await NewIdAsync(created, cancellationToken).ConfigureAwait(false);
            var manifest = await WriteChunksAsync(snapshot, source.Format, id, created, progress, cancellationToken).ConfigureAwait(false);
            var manifestName = BackupManifest.ObjectName(id);
            await target.WriteAsync(manifestName, keys.Seal(BackupObjectKind.Manifest, id, manifest.ToJson()), cancellationToken).ConfigureAwait(false);

            var verify = await ReadBackAsync(id, Path.Combine(snapshot.WorkDirectory, "verify"), install: null, progress, cancellationToken).ConfigureAwait(false);
            var prune = verify.Ok ? await PruneLockedAsync(keep, cancellationToken).ConfigureAwait(false) : null;
            return new BackupResult(manifest, verify, prune, time.GetElapsedTime(started));
        }
        finally
        {
            Directory.Delete(snapshot.WorkDirectory, recursive: true);
        }
    }

    /// <summary>Every backup, oldest first, each with its manifest or the reason it cannot be read.</summary>
    public async Task<IReadOnlyList<BackupEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = new List<BackupEntry>();
        foreach (var (name, size) in (await target.ListAsync(BackupManifest.SnapshotPrefix, cancellationToken).ConfigureAwait(false)).OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            var id = name[BackupManifest.SnapshotPrefix.Length..];
            try
            {
                entries.Add(new BackupEntry(id, size, await ReadManifestAsync(id, cancellationToken).ConfigureAwait(false), null));
            }
            catch (BackupException e)
            {
                entries.Add(new BackupEntry(id, size, null, e.Message));
            }
        }

        return entries;
    }

    /// <summary>The backup id that <paramref name="idOrPrefix"/> names: null or "latest" for the newest, else an id or a unique prefix of one.</summary>
    public async Task<string> ResolveAsync(string? idOrPrefix, CancellationToken cancellationToken)
    {
        var ids = (await target.ListAsync(BackupManifest.SnapshotPrefix, cancellationToken).ConfigureAwait(false)).Keys
            .Select(n => n[BackupManifest.SnapshotPrefix.Length..]).Order(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            throw new BackupException($"no backups in {target.Description}");
        }

        if (idOrPrefix is null or "latest")
        {
            return ids[^1];
        }

        if (ids.Contains(idOrPrefix))
        {
            return idOrPrefix;
        }

        var matching = ids.Where(i => i.StartsWith(idOrPrefix, StringComparison.Ordinal)).ToList();
        return matching.Count switch
        {
            1 => matching[0],
            0 => throw new BackupException($"no backup {idOrPrefix} in {target.Description}"),
            _ => throw new BackupException($"{idOrPrefix} names {matching.Count} backups ({string.Join(", ", matching)}); give more of the id"),
        };
    }

    /// <summary>
    /// Reads backup <paramref name="id"/> back: the manifest's tag, every chunk's tag and keyed hash, then the item counts
    /// of the reassembled store (in a private temporary directory) against the manifest. Every damaged part is named.
    /// </summary>
    public async Task<VerifyReport> VerifyAsync(string id, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), "coffer-verify-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        PrivateFiles.EnsureDirectory(work);
        try
        {
            return await ReadBackAsync(id, work, install: null, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Restores backup <paramref name="id"/> of a SQLite store into <paramref name="dataDir"/>, which must be empty or missing
    /// (see <see cref="RestoreAsync(string, RestoreDestination, IProgress{BackupProgress}?, CancellationToken)"/>).
    /// </summary>
    public Task<VerifyReport> RestoreAsync(string id, string dataDir, IProgress<BackupProgress>? progress, CancellationToken cancellationToken) =>
        RestoreAsync(id, new RestoreDestination(dataDir), progress, cancellationToken);

    /// <summary>
    /// Restores backup <paramref name="id"/> into <paramref name="destination"/>, which must hold no store: the snapshot is
    /// reassembled (in the data directory's work directory) and verified like <see cref="VerifyAsync"/>, and installed
    /// only when nothing is damaged.
    /// </summary>
    public async Task<VerifyReport> RestoreAsync(string id, RestoreDestination destination, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination = destination with { DataDir = Path.GetFullPath(destination.DataDir) };
        var dataDir = destination.DataDir;
        BackupManifest manifest;
        try
        {
            manifest = await ReadManifestAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (BackupException e)
        {
            return new VerifyReport(id, null, 0, 0, [new BackupDamage("manifest " + id, StripPart(e.Message, "manifest " + id))]);
        }

        var format = SnapshotFormats.Find(manifest.Source)
            ?? throw new BackupException($"backup {id} is of a {manifest.Source} store, which this build cannot restore");
        await format.CheckDestinationAsync(destination, cancellationToken).ConfigureAwait(false);

        var createdDir = !Directory.Exists(dataDir);
        PrivateFiles.EnsureDirectory(dataDir);
        var work = Path.Combine(dataDir, RestoreWorkDirectoryName);
        PrivateFiles.EnsureDirectory(work);
        try
        {
            return await ReadBackAsync(id, work, destination, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            if (createdDir && !Directory.EnumerateFileSystemEntries(dataDir).Any())
            {
                Directory.Delete(dataDir);
            }
        }
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> backups, then every chunk none of the kept ones uses.</summary>
    public async Task<PruneResult> PruneAsync(int keep, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        await using var held = await target.LockAsync(cancellationToken).ConfigureAwait(false);
        return await PruneLockedAsync(keep, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BackupManifest> ReadManifestAsync(string id, CancellationToken cancellationToken)
    {
        var what = "manifest " + id;
        var stored = await target.ReadAsync(BackupManifest.ObjectName(id), cancellationToken).ConfigureAwait(false)
            ?? throw new BackupException($"{what}: missing");
        var manifest = BackupManifest.FromJson(keys.Open(BackupObjectKind.Manifest, id, stored, what), what);
        return manifest.Id == id ? manifest : throw new BackupException($"{what}: holds the manifest of {manifest.Id}");
    }

    // Ids sort in the order backups were made (pruning keeps the last ones): the time to the millisecond, moved past the
    // newest existing id should the clock say otherwise (two backups in one millisecond, a clock set back).
    private async Task<string> NewIdAsync(DateTimeOffset created, CancellationToken cancellationToken)
    {
        const string format = "yyyyMMdd'T'HHmmssfff'Z'";
        var newest = (await target.ListAsync(BackupManifest.SnapshotPrefix, cancellationToken).ConfigureAwait(false)).Keys
            .Select(n => n[BackupManifest.SnapshotPrefix.Length..]).Order(StringComparer.Ordinal).LastOrDefault();
        var at = created.UtcDateTime;
        if (newest is { Length: > 19 } && DateTime.TryParseExact(newest[..19], format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var last) && last >= at)
        {
            at = last.AddMilliseconds(1);
        }

        return at.ToString(format, CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    }

    private async Task<BackupManifest> WriteChunksAsync(StoreSnapshot snapshot, ISnapshotFormat format, string id, DateTimeOffset created, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var existing = await target.ListAsync(ChunkPrefix, cancellationToken).ConfigureAwait(false);
        var stored = new ConcurrentDictionary<string, long>(existing.ToDictionary(e => e.Key[(e.Key.LastIndexOf('/') + 1)..], e => e.Value), StringComparer.Ordinal);
        var length = new FileInfo(snapshot.Path).Length;
        var spans = Spans(snapshot.Path, length, format);
        var count = spans.Count;
        var ids = new string[count];
        var newChunks = 0;
        var newBytes = 0L;
        using var file = File.OpenHandle(snapshot.Path, FileMode.Open, FileAccess.Read);
        for (var first = 0; first < count; first += Batch)
        {
            var last = Math.Min(count, first + Batch);
            var sealedNew = new ConcurrentBag<(string Id, byte[] Sealed)>();
            Parallel.For(first, last, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var (offset, chunkLength) = spans[i];
                var buffer = new byte[chunkLength];
                var read = RandomAccess.Read(file, buffer, offset);
                if (read != buffer.Length)
                {
                    throw new BackupException($"snapshot {snapshot.Path} ended early at {offset + read}");
                }

                var chunkId = keys.ChunkId(buffer);
                ids[i] = chunkId;
                if (stored.TryAdd(chunkId, 0))
                {
                    sealedNew.Add((chunkId, keys.Seal(BackupObjectKind.Chunk, chunkId, buffer)));
                }
            });

            await Task.WhenAll(sealedNew.Select(async chunk =>
            {
                await target.WriteAsync(BackupKeys.ChunkObjectName(chunk.Id), chunk.Sealed, cancellationToken).ConfigureAwait(false);
                stored[chunk.Id] = chunk.Sealed.Length;
            })).ConfigureAwait(false);
            newChunks += sealedNew.Count;
            newBytes += sealedNew.Sum(c => (long)c.Sealed.Length);
            progress?.Report(new BackupProgress("write", spans[last - 1].Offset + spans[last - 1].Length, length));
        }

        return new BackupManifest
        {
            Id = id,
            Created = created,
            Source = format.Kind,
            SchemaVersion = snapshot.SchemaVersion,
            MasterKeyId = keys.MasterKeyId,
            FileName = format.FileName,
            FileLength = length,
            ChunkSize = ChunkSize,
            Chunks = ids,
            ChunkLengths = format.StreamShaped ? spans.Select(c => c.Length).ToArray() : null,
            Users = snapshot.Users,
            NewChunks = newChunks,
            NewBytes = newBytes,
            StoredBytes = ids.Distinct(StringComparer.Ordinal).Sum(c => stored[c]),
        };
    }

    // Fixed chunks for a file that changes in place; chunks cut by content for a stream (docs/backup.md).
    private List<(long Offset, int Length)> Spans(string path, long length, ISnapshotFormat format)
    {
        if (!format.StreamShaped)
        {
            return Enumerable.Range(0, (int)((length + ChunkSize - 1) / ChunkSize))
                .Select(i => ((long)i * ChunkSize, (int)Math.Min(ChunkSize, length - ((long)i * ChunkSize)))).ToList();
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return keys.Chunker(ChunkSize).Split(stream).ToList();
    }

    private async Task<VerifyReport> ReadBackAsync(string id, string work, RestoreDestination? install, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        BackupManifest manifest;
        try
        {
            manifest = await ReadManifestAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (BackupException e)
        {
            return new VerifyReport(id, null, 0, 0, [new BackupDamage("manifest " + id, StripPart(e.Message, "manifest " + id))]);
        }

        var format = SnapshotFormats.Find(manifest.Source);
        if (format is null)
        {
            return new VerifyReport(id, manifest, 0, 0, [new BackupDamage("manifest " + id, $"source kind {manifest.Source} is not known to this build")]);
        }

        var chunks = manifest.Chunks;
        if (manifest.ChunkLengths is { } lengths && (lengths.Count != chunks.Count || lengths.Sum(l => (long)l) != manifest.FileLength || lengths.Any(l => l <= 0)))
        {
            return new VerifyReport(id, manifest, 0, 0, [new BackupDamage("manifest " + id, $"its {lengths.Count} chunk lengths do not make up {chunks.Count} chunks of {manifest.FileLength} bytes")]);
        }

        var spans = manifest.Spans();
        var damage = new ConcurrentBag<(int Index, BackupDamage Damage)>();
        var path = Path.Combine(work, manifest.FileName);
        var bytesRead = 0L;
        PrivateFiles.EnsureDirectory(work);
        PrivateFiles.EnsureFile(path);
        using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
        {
            RandomAccess.SetLength(file, manifest.FileLength);
            for (var first = 0; first < chunks.Count; first += Batch)
            {
                var last = Math.Min(chunks.Count, first + Batch);
                var read = await Task.WhenAll(Enumerable.Range(first, last - first).Select(async i =>
                {
                    var (offset, expected) = spans[i];
                    var part = $"chunk {chunks[i]} (part {i + 1} of {chunks.Count}, bytes {offset}-{offset + expected - 1})";
                    var stored = await target.ReadAsync(BackupKeys.ChunkObjectName(chunks[i]), cancellationToken).ConfigureAwait(false);
                    if (stored is null)
                    {
                        damage.Add((i, new BackupDamage(part, "missing")));
                        return 0L;
                    }

                    try
                    {
                        var clear = keys.Open(BackupObjectKind.Chunk, chunks[i], stored, part);
                        if (clear.Length != expected)
                        {
                            damage.Add((i, new BackupDamage(part, $"holds {clear.Length} bytes, expected {expected}")));
                        }
                        else
                        {
                            RandomAccess.Write(file, clear, offset);
                        }
                    }
                    catch (BackupException e)
                    {
                        damage.Add((i, new BackupDamage(part, StripPart(e.Message, part))));
                    }

                    return stored.LongLength;
                })).ConfigureAwait(false);
                bytesRead += read.Sum();
                progress?.Report(new BackupProgress(install is null ? "verify" : "restore", spans[last - 1].Offset + spans[last - 1].Length, manifest.FileLength));
            }

            RandomAccess.FlushToDisk(file);
        }

        var problems = damage.OrderBy(d => d.Index).Select(d => d.Damage).ToList();
        if (problems.Count == 0)
        {
            problems.AddRange(await CompareCountsAsync(format, path, manifest, cancellationToken).ConfigureAwait(false));
        }

        if (problems.Count == 0 && install is not null)
        {
            await format.InstallAsync(path, install, cancellationToken).ConfigureAwait(false);
        }

        return new VerifyReport(id, manifest, chunks.Count, bytesRead, problems);
    }

    private static async Task<List<BackupDamage>> CompareCountsAsync(ISnapshotFormat format, string path, BackupManifest manifest, CancellationToken cancellationToken)
    {
        IReadOnlyList<UserItemCount> counted;
        try
        {
            counted = await format.CountAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [new BackupDamage("store", $"the reassembled {manifest.FileName} cannot be read: {e.Message}")];
        }

        var problems = new List<BackupDamage>();
        var byId = counted.ToDictionary(u => u.UserId);
        foreach (var expected in manifest.Users)
        {
            if (!byId.Remove(expected.UserId, out var found))
            {
                problems.Add(new BackupDamage("item counts", $"user {expected.Name} ({expected.UserId}) is missing"));
            }
            else if (found != expected)
            {
                problems.Add(new BackupDamage("item counts", $"user {expected.Name} ({expected.UserId}): {found.Items} items / {found.Versions} versions, the manifest says {expected.Items} / {expected.Versions}"));
            }
        }

        problems.AddRange(byId.Values.Select(u => new BackupDamage("item counts", $"user {u.Name} ({u.UserId}) is not in the manifest")));
        return problems;
    }

    private async Task<PruneResult> PruneLockedAsync(int keep, CancellationToken cancellationToken)
    {
        var ids = (await target.ListAsync(BackupManifest.SnapshotPrefix, cancellationToken).ConfigureAwait(false)).Keys
            .Select(n => n[BackupManifest.SnapshotPrefix.Length..]).Order(StringComparer.Ordinal).ToList();
        var deleted = ids.Take(Math.Max(0, ids.Count - keep)).ToList();
        foreach (var old in deleted)
        {
            await target.DeleteAsync(BackupManifest.ObjectName(old), cancellationToken).ConfigureAwait(false);
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kept in ids.Skip(deleted.Count))
        {
            try
            {
                used.UnionWith((await ReadManifestAsync(kept, cancellationToken).ConfigureAwait(false)).Chunks);
            }
            catch (BackupException e)
            {
                // Its chunks cannot be told apart (another master key, or a damaged manifest): delete none until it is pruned.
                return new PruneResult(deleted, 0, 0, $"no chunk deleted: {e.Message}");
            }
        }

        var chunks = 0;
        var bytes = 0L;
        foreach (var (name, size) in await target.ListAsync(ChunkPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (!used.Contains(name[(name.LastIndexOf('/') + 1)..]))
            {
                await target.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
                chunks++;
                bytes += size;
            }
        }

        return new PruneResult(deleted, chunks, bytes, null);
    }

    private static string StripPart(string message, string part) =>
        message.StartsWith(part + ": ", StringComparison.Ordinal) ? message[(part.Length + 2)..] : message;
}
