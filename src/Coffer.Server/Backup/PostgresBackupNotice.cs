namespace Coffer.Server.Backup;

/// <summary>
/// Stands in for the daily backup when the store is PostgreSQL: Coffer's backup reads SQLite snapshots only, so it
/// says once at start that a PostgreSQL store is backed up with pg_dump (docs/backup.md).
/// </summary>
internal sealed class PostgresBackupNotice(ILogger<PostgresBackupNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("Daily backup: not available for a PostgreSQL store; back the database up with pg_dump (docs/backup.md)");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
