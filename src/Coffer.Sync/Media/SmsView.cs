namespace Coffer.Sync.Media;

/// <summary>An SMS as the pages show it: the other party, the folder (INBOX, SENT ...), the date and the text.</summary>
public sealed record SmsView(MediaItem Item, string From, string To, string Box, DateTimeOffset? Date, string Text);
