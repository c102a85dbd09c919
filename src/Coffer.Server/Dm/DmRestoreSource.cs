using Coffer.Storage;

namespace Coffer.Server.Dm;

/// <summary>A DM backup a device can be restored from: the device (of the same user) that took it, and the backup.</summary>
public sealed record DmRestoreSource(string DeviceId, DmSnapshot Backup);
