using Coffer.Formats.VCard;

namespace Coffer.Sync.Web;

/// <summary>The few fields a new contact starts with; everything else is added by editing it.</summary>
public sealed class NewContact
{
    public string? Given { get; set; }

    public string? Family { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Organization { get; set; }

    public string? Note { get; set; }

    public bool IsEmpty => new[] { Given, Family, Phone, Email, Organization, Note }.All(string.IsNullOrWhiteSpace);

    /// <summary>A vCard 3.0 of the fields given (N and FN always, as RFC 2426 §3.1 requires).</summary>
    public VCard ToVCard()
    {
        var card = new VCard { Version = VCardVersion.V3_0 };
        var given = Given?.Trim() ?? string.Empty;
        var family = Family?.Trim() ?? string.Empty;
        card.Name = new VCardName(family, given, string.Empty, string.Empty, string.Empty);
        var display = string.Join(' ', new[] { given, family }.Where(p => p.Length > 0));
        card.FormattedName = display.Length > 0 ? display : Organization?.Trim() ?? Email?.Trim() ?? Phone?.Trim() ?? string.Empty;
        if (!string.IsNullOrWhiteSpace(Phone))
        {
            card.Properties.Add(new VCardProperty("TEL", Phone.Trim()).AddParameter("TYPE", "CELL"));
        }

        if (!string.IsNullOrWhiteSpace(Email))
        {
            card.Properties.Add(new VCardProperty("EMAIL", Email.Trim()).AddParameter("TYPE", "INTERNET"));
        }

        if (!string.IsNullOrWhiteSpace(Organization))
        {
            card.Properties.Add(new VCardProperty("ORG", Organization.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(Note))
        {
            card.Note = Note.Trim();
        }

        return card;
    }
}
