namespace Coffer.Interop.Tests.Harness;

/// <summary>
/// A test of something only a SQLite store has (today: the daily backup, which reads SQLite snapshots; docs/backup.md).
/// It runs in the SQLite run of the suite and is reported as skipped, with the reason, in the PostgreSQL run
/// (COFFER_TEST_STORAGE=postgres), where its server would have no SQLite file to work on.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute()
    {
        if (InteropStorage.OnPostgres)
        {
            Skip = "SQLite only: the daily backup reads SQLite snapshots; a PostgreSQL store is backed up with pg_dump (docs/backup.md)";
        }
    }
}
