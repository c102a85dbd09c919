using Coffer.Formats;
using Coffer.Formats.Messages;
using Coffer.Formats.VCard;
using Coffer.Storage;

namespace Coffer.Sync.Media;

/// <summary>Reads stored SMS (text/x-vMessage, IrMC 1.1 §3.3.3.4) for the pages: sender, recipients, folder, date and text.</summary>
public sealed class SmsReader(MediaLibrary library)
{
    /// <summary>An SMS is small: larger content is listed without being parsed.</summary>
    private const long MaxParsed = 1 << 20;

    public async Task<(IReadOnlyList<SmsView> Messages, MediaPage Page)> ListAsync(long userId, int page, int pageSize, CancellationToken ct = default)
    {
        var listed = await library.ListAsync(userId, DatastoreKind.Sms, page, pageSize, ct);
        var views = new List<SmsView>(listed.Items.Count);
        foreach (var item in listed.Items)
        {
            views.Add(await ReadAsync(userId, item, ct));
        }

        return (views, listed);
    }

    public async Task<SmsView?> ReadAsync(long userId, string id, CancellationToken ct = default) =>
        await library.GetAsync(userId, DatastoreKind.Sms, id, ct) is { } item ? await ReadAsync(userId, item, ct) : null;

    private async Task<SmsView> ReadAsync(long userId, MediaItem item, CancellationToken ct)
    {
        var empty = new SmsView(item, string.Empty, string.Empty, string.Empty, null, string.Empty);
        if (item.Size > MaxParsed || await library.ReadAllAsync(userId, DatastoreKind.Sms, item.Id, ct) is not var (_, content))
        {
            return empty;
        }

        try
        {
            if (VMessageParser.Parse(content).FirstOrDefault() is not { } message)
            {
                return empty;
            }

            DateTimeOffset? date = message.Body.Date is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : d.Kind)) : null;
            return new SmsView(
                item,
                Party(message.Originator),
                string.Join(", ", message.Recipients.Select(Party).Where(p => p.Length > 0)),
                message.Box ?? string.Empty,
                date,
                message.Body.Text);
        }
        catch (PimFormatException)
        {
            return empty;
        }
    }

    private static string Party(VCard? card)
    {
        if (card == null)
        {
            return string.Empty;
        }

        var tel = card.GetProperty("TEL")?.Value ?? string.Empty;
        var name = card.FormattedName ?? string.Empty;
        return name.Length > 0 && tel.Length > 0 ? $"{name} ({tel})" : name.Length > 0 ? name : tel;
    }
}
