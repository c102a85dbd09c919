namespace Coffer.Sync.Profiles;

/// <summary>One version of a device's <c>device.json</c> as the server kept it: when it was stored, and the firmware it names (seed 004 §5.2.1 use case 2).</summary>
public sealed record FirmwareVersion(DateTimeOffset Time, long Version, string? Firmware, string? Software, string? Model);
