namespace Coffer.Server.Notifications;

/// <summary>A device's notification secret (its notification password) and the server identifier of its digests.</summary>
public sealed record NotifySecret(string ServerId, string Secret);
