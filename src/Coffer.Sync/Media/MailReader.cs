using Ganss.Xss;
using MimeKit;
using MimeKit.Utils;

namespace Coffer.Sync.Media;

/// <summary>
/// Reads stored mail (RFC 5322 messages) with MimeKit: a listing's sender, subject and date from the header alone,
/// a message for reading with its HTML body sanitized, and one attachment's decoded content.
/// </summary>
public sealed class MailReader(MediaLibrary library)
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Page <paramref name="page"/> of the user's mail, newest first, each described from its header.</summary>
    public async Task<(IReadOnlyList<MailSummary> Mails, MediaPage Page)> ListAsync(long userId, int page, int pageSize, CancellationToken ct = default)
    {
        var listed = await library.ListAsync(userId, Storage.DatastoreKind.Mail, page, pageSize, ct);
        var mails = new List<MailSummary>(listed.Items.Count);
        foreach (var item in listed.Items)
        {
            if (await library.OpenAsync(userId, Storage.DatastoreKind.Mail, item.Id, ct) is not var (_, stream))
            {
                continue;
            }

            await using (stream)
            {
                mails.Add(await SummarizeAsync(item, stream, ct));
            }
        }

        return (mails, listed);
    }

    /// <summary>The message for reading; null when there is no such mail or it is too large to read in memory.</summary>
    public async Task<MailView?> ReadAsync(long userId, string id, CancellationToken ct = default)
    {
        if (await LoadAsync(userId, id, ct) is not var (item, message))
        {
            return null;
        }

        string? html = null;
        var imagesLeftOut = false;
        if (message.HtmlBody is { } body)
        {
            html = Sanitizer.Sanitize(body);
            imagesLeftOut = body.Contains("<img", StringComparison.OrdinalIgnoreCase);
        }

        var attachments = message.Attachments.Select((a, i) => new MailAttachment(i, AttachmentName(a, i), a.ContentType.MimeType.ToLowerInvariant())).ToList();
        return new MailView(
            item,
            message.From.ToString(),
            message.To.ToString(),
            message.Cc.ToString(),
            message.Subject ?? string.Empty,
            message.Headers.Contains(HeaderId.Date) ? message.Date : null,
            message.TextBody,
            html,
            imagesLeftOut,
            attachments);
    }

    /// <summary>Attachment <paramref name="index"/> decoded; null when the mail or the attachment does not exist.</summary>
    public async Task<(MailAttachment Attachment, byte[] Content)?> AttachmentAsync(long userId, string id, int index, CancellationToken ct = default)
    {
        if (await LoadAsync(userId, id, ct) is not var (_, message))
        {
            return null;
        }

        var entity = message.Attachments.Skip(index).FirstOrDefault();
        if (index < 0 || entity == null)
        {
            return null;
        }

        using var output = new MemoryStream();
        switch (entity)
        {
            case MimePart part when part.Content != null:
                await part.Content.DecodeToAsync(output, ct);
                break;
            case MessagePart { Message: { } inner }:
                await inner.WriteToAsync(output, ct);
                break;
        }

        return (new MailAttachment(index, AttachmentName(entity, index), entity.ContentType.MimeType.ToLowerInvariant()), output.ToArray());
    }

    private static async Task<MailSummary> SummarizeAsync(MediaItem item, Stream stream, CancellationToken ct)
    {
        try
        {
            var headers = await new MimeParser(stream, MimeFormat.Entity).ParseHeadersAsync(ct);
            var from = InternetAddressList.TryParse(headers[HeaderId.From] ?? string.Empty, out var addresses) ? Sender(addresses) : headers[HeaderId.From] ?? string.Empty;
            DateTimeOffset? date = DateUtils.TryParse(headers[HeaderId.Date] ?? string.Empty, out var parsed) ? parsed : null;
            return new MailSummary(item, from, headers[HeaderId.Subject] ?? string.Empty, date);
        }
        catch (FormatException)
        {
            return new MailSummary(item, string.Empty, string.Empty, null);
        }
    }

    private static string Sender(InternetAddressList addresses) =>
        addresses.Mailboxes.FirstOrDefault() is { } first ? (string.IsNullOrWhiteSpace(first.Name) ? first.Address : first.Name) : string.Empty;

    private async Task<(MediaItem Item, MimeMessage Message)?> LoadAsync(long userId, string id, CancellationToken ct)
    {
        if (await library.ReadAllAsync(userId, Storage.DatastoreKind.Mail, id, ct) is not var (item, content))
        {
            return null;
        }

        using var stream = new MemoryStream(content, writable: false);
        try
        {
            return (item, await MimeMessage.LoadAsync(stream, ct));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string AttachmentName(MimeEntity entity, int index) => entity switch
    {
        MimePart { FileName: { Length: > 0 } name } => Path.GetFileName(name),
        MessagePart { Message.Subject: { Length: > 0 } subject } => subject + ".eml",
        _ => $"attachment-{index + 1}",
    };

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();

        // Remote images would tell the sender the mail was read (the page's CSP blocks them too); styles are left out
        // because the CSP refuses inline style anyway.
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedAttributes.Remove("id");
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer;
    }
}
