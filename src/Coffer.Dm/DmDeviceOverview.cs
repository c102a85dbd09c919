using Coffer.Storage;

namespace Coffer.Dm;

/// <summary>A device's DM page (docs/api.md "Device management"): last backup, tree size, firmware history, jobs.</summary>
public sealed record DmDeviceOverview(
    bool Enrolled,
    DmSnapshot? LastBackup,
    IReadOnlyList<DmFirmwareRecord> Firmware,
    IReadOnlyList<DmSnapshot> Backups,
    IReadOnlyList<DmJob> Jobs);
