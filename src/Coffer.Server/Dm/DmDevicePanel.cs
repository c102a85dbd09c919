using Coffer.Dm;
using Coffer.Storage;

namespace Coffer.Server.Dm;

/// <summary>
/// What the web pages show of one device's device management (docs/web.md "Device management"): its DM overview,
/// the firmware over time, the backups of the user's devices it can be restored from, and where its forms post.
/// </summary>
/// <param name="Action">The page the backup and restore forms post to (the user's or the administrator's).</param>
public sealed record DmDevicePanel(
    Device Device,
    DmDeviceOverview Overview,
    IReadOnlyList<DmFirmwareRun> Firmware,
    IReadOnlyList<DmRestoreSource> Sources,
    string Action,
    Func<DateTimeOffset, string> Time);
