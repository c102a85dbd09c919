using Coffer.Storage;

namespace Coffer.Sync.Settings;

/// <summary>A device of the user as the settings page lists it.</summary>
/// <param name="LastSync">The last successful sync of any of its datastores; null when it never completed one.</param>
public sealed record DeviceSummary(Device Device, DateTimeOffset? LastSync, IReadOnlyList<DeviceDatastore> Datastores);
