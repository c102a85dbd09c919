namespace Coffer.Server.Notifications;

/// <summary>What a user asks a device to do now: sync, backup or restore (seed 004).</summary>
public sealed record AlertRequest(string? Kind);
