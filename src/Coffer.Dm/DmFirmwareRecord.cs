namespace Coffer.Dm;

/// <summary>A firmware the device reported, from the first backup that saw it.</summary>
public sealed record DmFirmwareRecord(string Firmware, DateTimeOffset Since);
