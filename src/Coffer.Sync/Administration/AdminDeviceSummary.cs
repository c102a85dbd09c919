using Coffer.SyncML.DevInf;

namespace Coffer.Sync.Administration;

/// <summary>
/// A device as the administration pages show it; <see cref="DevInf"/> is the device's DevInf XML when it sent one,
/// <see cref="Info"/> the same decoded (null when it does not parse).
/// </summary>
public sealed record AdminDeviceSummary(
    long Id,
    long UserId,
    string UserName,
    string DeviceId,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastAccess,
    long Logins,
    string? DevInf,
    DeviceInfo? Info);
