namespace Coffer.Sync.Media;

/// <summary>What a mail listing shows of a message: read from its header only.</summary>
public sealed record MailSummary(MediaItem Item, string From, string Subject, DateTimeOffset? Date);
