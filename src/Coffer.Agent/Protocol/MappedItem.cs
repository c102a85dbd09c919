namespace Coffer.Agent.Protocol;

/// <summary>One entry of a pending Map: the LUID an item of the server got here, and the server's id (OMA-TS-DS_Protocol-V1_2 §5.9).</summary>
public sealed record MappedItem(string Luid, string Guid);
