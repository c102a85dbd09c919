namespace Coffer.Server.Dm;

/// <summary>One firmware version of a device as its DM backups recorded it: the first and the last backup that saw it.</summary>
public sealed record DmFirmwareRun(string Firmware, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
