namespace Coffer.Sync.Notifications;

/// <summary>A notification due but not sent in a night: it keeps its due night and goes first the next night.</summary>
public readonly record struct PostponedSend(long UserId, DateOnly Due, string Carrier);
