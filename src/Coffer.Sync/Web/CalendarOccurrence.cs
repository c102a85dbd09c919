namespace Coffer.Sync.Web;

/// <summary>One occurrence of an event in a date range: the item it comes from and its wall-clock start and end.</summary>
public sealed record CalendarOccurrence(string ItemId, string Title, DateTime Start, DateTime? End, bool AllDay, bool Recurring);
