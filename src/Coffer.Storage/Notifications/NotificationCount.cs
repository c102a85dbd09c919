namespace Coffer.Storage;

/// <summary>How many of a night's entries have one carrier and one state.</summary>
public sealed record NotificationCount(string Carrier, NotificationState State, int Count);
