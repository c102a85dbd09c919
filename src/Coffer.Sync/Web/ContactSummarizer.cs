using System.Text;
using Coffer.Formats;
using Coffer.Formats.VCard;
using Coffer.Storage;

namespace Coffer.Sync.Web;

/// <summary>Contacts in a list: the display name (FN, else N, else organization, e-mail or phone), the first phone or e-mail.</summary>
public sealed class ContactSummarizer : IItemSummarizer
{
    public DatastoreKind Kind => DatastoreKind.Contacts;

    public ItemSummary Summarize(StoredItem item)
    {
        VCard? card = null;
        try
        {
            card = VCardParser.Parse(Encoding.UTF8.GetString(item.Content ?? [])).FirstOrDefault();
        }
        catch (PimFormatException)
        {
        }

        if (card == null)
        {
            return new ItemSummary(item.Id, item.Version, "(unreadable contact)", string.Empty, "\uffff", string.Empty, item.Modified);
        }

        var phones = card.Telephones.Select(t => t.Number).ToList();
        var emails = card.Emails.Select(e => e.Address).ToList();
        var title = DisplayName(card);
        var detail = phones.FirstOrDefault() ?? emails.FirstOrDefault() ?? string.Join(", ", card.Organization.Where(o => o.Length > 0));
        var search = SearchText.Of(
            [title, card.FormattedName, card.Name is { } n ? $"{n.Given} {n.Additional} {n.Family}" : null, card.GetProperty("NICKNAME")?.Value,
             string.Join(' ', card.Organization), card.GetProperty("TITLE")?.Value, .. emails, .. card.Categories],
            phones);
        var sortKey = SearchText.Fold(title);
        return new ItemSummary(item.Id, item.Version, title, detail, sortKey.Length == 0 ? "\uffff" : sortKey, search, item.Modified);
    }

    /// <summary>The name a person recognizes the contact by.</summary>
    public static string DisplayName(VCard card)
    {
        if (!string.IsNullOrWhiteSpace(card.FormattedName))
        {
            return card.FormattedName.Trim();
        }

        if (card.Name is { } n && string.Join(' ', new[] { n.Prefix, n.Given, n.Additional, n.Family, n.Suffix }.Where(p => p.Length > 0)) is { Length: > 0 } composed)
        {
            return composed;
        }

        return card.Organization.FirstOrDefault(o => o.Length > 0)
            ?? card.Emails.FirstOrDefault()?.Address
            ?? card.Telephones.FirstOrDefault()?.Number
            ?? "(no name)";
    }
}
