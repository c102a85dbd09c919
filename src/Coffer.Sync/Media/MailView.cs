namespace Coffer.Sync.Media;

/// <summary>
/// A mail as the reading page shows it. <see cref="SafeHtml"/> is the HTML body after sanitizing (no script, no
/// event handler, no style, no image, no form), or null when the message has only text.
/// </summary>
public sealed record MailView(
    MediaItem Item,
    string From,
    string To,
    string Cc,
    string Subject,
    DateTimeOffset? Date,
    string? Text,
    string? SafeHtml,
    bool ImagesLeftOut,
    IReadOnlyList<MailAttachment> Attachments);
