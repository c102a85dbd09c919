namespace Coffer.Sync.Media;

/// <summary>An attachment of a mail, by its position among the message's attachments (from 0).</summary>
public sealed record MailAttachment(int Index, string FileName, string MediaType);
