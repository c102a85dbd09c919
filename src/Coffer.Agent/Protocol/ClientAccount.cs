namespace Coffer.Agent.Protocol;

/// <summary>Who the client is and where it syncs: its account, its device id (SyncHdr Source) and the server's sync URL.</summary>
public sealed record ClientAccount(string User, string Password, string DeviceId, Uri ServerUrl);
