namespace Coffer.Server.Notifications;

/// <summary>A device that makes itself known before its first sync (a new phone): its SyncML device id.</summary>
public sealed record DeviceRegistration(string? DeviceId);
