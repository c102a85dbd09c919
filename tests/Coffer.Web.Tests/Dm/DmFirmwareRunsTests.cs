using Coffer.Server.Dm;
using Coffer.Storage;

namespace Coffer.Web.Tests.Dm;

/// <summary>The firmware history the pages show: one row per run of backups with the same firmware, newest first.</summary>
public sealed class DmFirmwareRunsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Consecutive_backups_with_one_firmware_make_one_run_and_a_version_that_comes_back_is_a_new_run()
    {
        // Listed newest first, as the store lists them.
        var backups = new[] { Backup(5, "2.1"), Backup(4, "2.2"), Backup(3, "2.2"), Backup(2, "2.1"), Backup(1, "2.1") };

        DmPages.FirmwareRuns(backups).ShouldBe([
            new DmFirmwareRun("2.1", Start.AddDays(5), Start.AddDays(5)),
            new DmFirmwareRun("2.2", Start.AddDays(3), Start.AddDays(4)),
            new DmFirmwareRun("2.1", Start.AddDays(1), Start.AddDays(2)),
        ]);
    }

    [Fact]
    public void No_backup_is_no_history() => DmPages.FirmwareRuns([]).ShouldBeEmpty();

    private static DmSnapshot Backup(int day, string firmware) => new(day, 7, Start.AddDays(day), "Acme", "A1", firmware, 12, 345);
}
