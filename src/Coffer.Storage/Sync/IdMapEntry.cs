namespace Coffer.Storage;

/// <summary>A device's local id (LUID) for a server item (GUID). OMA-TS-DS_Protocol-V1_2: the client's Map command
/// answers server Adds with its LUIDs; the server addresses the client by LUID afterwards.</summary>
public readonly record struct IdMapEntry(string Luid, string Guid);
