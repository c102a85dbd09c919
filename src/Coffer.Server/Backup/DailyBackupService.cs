using System.Globalization;
using Coffer.Backup;
using Coffer.Storage;
using Coffer.Sync.Cluster;

namespace Coffer.Server.Backup;

/// <summary>
/// The daily secondary backup (seed 000 §5.2; docs/backup.md): at Coffer:Backup:TimeOfDay local time it backs the
/// whole store up to the configured target, verifies it by reading it back and keeps the newest Coffer:Backup:Keep.
/// Without a target it says so once and does nothing. Runs on the host's <see cref="TimeProvider"/>, so tests drive it
/// in simulated time; the work itself is <see cref="BackupRepository"/>. Of several nodes, the one that takes the day's
/// lease (<c>daily-backup/DATE</c>) makes the backup and keeps the lease for the rest of the day; the others wait while
/// it runs and take over if it dies before it is done.
/// </summary>
public sealed class DailyBackupService(
    BackupOptions options,
    IBackupSource source,
    ICofferStore store,
    BackupMetrics metrics,
    JobLease lease,
    TimeProvider time,
    ILogger<DailyBackupService> logger) : BackgroundService
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Backups attempted (good or not).</summary>
    public int Runs { get; private set; }

    /// <summary>The last backup's result (null before the first, or when it failed before writing a manifest).</summary>
    public BackupResult? LastResult { get; private set; }

    /// <summary>When the last backup was attempted (null before the first).</summary>
    public DateTimeOffset? LastRun { get; private set; }

    /// <summary>Why the last backup failed (an error or its verification's damage); null when it succeeded or none ran.</summary>
    public string? LastError { get; private set; }

    /// <summary>When the next backup is due; null without a target or a valid time of day.</summary>
    public DateTimeOffset? NextRunAt { get; private set; }

    /// <summary>Completes once the job waits for its first run (or has decided not to run).</summary>
    public Task Ready => ready.Task;

    /// <summary>When the next backup is due after <paramref name="now"/>: the next <paramref name="timeOfDay"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly timeOfDay, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var candidate = local.Date + timeOfDay.ToTimeSpan();
        if (candidate <= local.DateTime)
        {
            candidate = candidate.AddDays(1);
        }

        // A time of day skipped by a daylight-saving jump runs at the first valid moment after it.
        while (zone.IsInvalidTime(candidate))
        {
            candidate = candidate.AddMinutes(1);
        }

        return new DateTimeOffset(candidate, zone.GetUtcOffset(candidate));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.HasTarget)
        {
            logger.LogWarning("Daily backup: no target configured (set Coffer:Backup:Directory or Coffer:Backup:S3:Bucket); no backups are made");
            ready.TrySetResult();
            return;
        }

        TimeOnly timeOfDay;
        try
        {
            timeOfDay = options.ParsedTimeOfDay();
        }
        catch (BackupException e)
        {
            logger.LogError("Daily backup disabled: {Reason}", e.Message);
            ready.TrySetResult();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = NextRun(now, timeOfDay, time.LocalTimeZone);
            NextRunAt = next;
            logger.LogInformation("Daily backup: next run at {Next:yyyy-MM-dd HH:mm zzz}", next);
            var wait = Task.Delay(next - now, time, stoppingToken);
            ready.TrySetResult();
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunOnOneNodeAsync(next, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RunOnOneNodeAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        var name = "daily-backup/" + due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ttl = TimeSpan.FromMinutes(10);
        try
        {
            while (!await lease.RunAsync(name, ttl, RunOnceAsync, cancellationToken, keep: TimeSpan.FromHours(20)).ConfigureAwait(false))
            {
                var held = await lease.HeldUntilAsync(name, cancellationToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                if (held > now + ttl)
                {
                    logger.LogInformation("Daily backup: another node made today's backup");
                    return;
                }

                // Another node is making it: look again when its lease would expire unless renewed.
                await Task.Delay((held ?? now) - now + TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Daily backup: the lease could not be taken; skipped until the next run");
        }
    }

    /// <summary>One backup now, logged and counted; never throws (but for cancellation).</summary>
    public async Task<BackupResult?> RunOnceAsync(CancellationToken cancellationToken)
    {
        BackupResult? result = null;
        string? error = null;
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await using var target = options.CreateTarget(time);
            var repository = new BackupRepository(target, new BackupKeys(store.KeyRing.Master), time);
            result = await repository.CreateAsync(source, options.Keep, progress: null, cancellationToken).ConfigureAwait(false);
            if (result.Ok)
            {
                metrics.Succeeded(result, time.GetUtcNow());
                var m = result.Manifest;
                logger.LogInformation(
                    "Daily backup {Id} to {Target}: {Users} users, {Items} items; snapshot {Size} bytes in {Chunks} chunks, {NewChunks} new ({NewBytes} bytes written), stored {Stored} bytes; verified; {Duration:F1} s; pruned {Pruned} backups and {PrunedChunks} chunks{Note}",
                    m.Id, target.Description, m.Users.Count, m.TotalItems, m.FileLength, m.Chunks.Count, m.NewChunks, m.NewBytes, m.StoredBytes,
                    result.Duration.TotalSeconds, result.Prune?.DeletedBackups.Count ?? 0, result.Prune?.DeletedChunks ?? 0, result.Prune?.Note is { } note ? " (" + note + ")" : string.Empty);
            }
            else
            {
                metrics.Failed(result.Manifest.NewBytes);
                error = "verification failed: " + string.Join("; ", result.Verify.Damage.Select(d => d.Part + ": " + d.What));
                logger.LogError("Daily backup {Id} to {Target} failed its verification: {Damage}", result.Manifest.Id, target.Description, string.Join("; ", result.Verify.Damage));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.Failed();
            error = ex.Message;
            logger.LogError(ex, "Daily backup failed: {Reason}; the next one runs as scheduled", ex.Message);
        }
        finally
        {
            Runs++;
            LastResult = result ?? LastResult;
            LastRun = time.GetUtcNow();
            LastError = error;
        }

        return result;
    }
}
