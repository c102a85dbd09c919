namespace Coffer.Storage;

/// <summary>A device's local id (LUID) for a server item (GUID). OMA-TS-DS_Protocol-V1_2 §6.3 (Map).</summary>
public readonly record struct IdMapEntry(string Luid, string Guid);
