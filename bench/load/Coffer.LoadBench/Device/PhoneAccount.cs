namespace Coffer.LoadBench.Device;

/// <summary>Who the phone is and where it syncs: its account, its device id (SyncHdr Source) and the server's sync URL.</summary>
public sealed record PhoneAccount(string User, string Password, string DeviceId, Uri ServerUrl);
