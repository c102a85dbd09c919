namespace Coffer.Agent.Notifications;

/// <summary>What <c>POST /api/devices/{device}/notify-secret</c> gives: the digest's server identifier and password.</summary>
public sealed record NotifySecret(string ServerId, string Secret);
