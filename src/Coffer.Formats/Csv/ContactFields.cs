using Coffer.Formats.VCard;

namespace Coffer.Formats.Csv;

/// <summary>The fields the CSV layouts know, between a CSV row and a <see cref="VCard.VCard"/>.</summary>
internal sealed class ContactFields
{
    public string Given { get; set; } = string.Empty;

    public string Middle { get; set; } = string.Empty;

    public string Family { get; set; } = string.Empty;

    public string Prefix { get; set; } = string.Empty;

    public string Suffix { get; set; } = string.Empty;

    public string FormattedName { get; set; } = string.Empty;

    public string Nickname { get; set; } = string.Empty;

    public (int? Year, int Month, int Day)? Birthday { get; set; }

    public string Notes { get; set; } = string.Empty;

    public string Organization { get; set; } = string.Empty;

    public string Department { get; set; } = string.Empty;

    public string JobTitle { get; set; } = string.Empty;

    public List<Typed> Emails { get; } = [];

    public List<Typed> Phones { get; } = [];

    public List<PostalAddress> Addresses { get; } = [];

    public List<Typed> Websites { get; } = [];

    public List<string> Categories { get; } = [];

    public bool IsEmpty =>
        string.Concat(Given, Middle, Family, Prefix, Suffix, FormattedName, Nickname, Notes, Organization, JobTitle).Length == 0
        && Emails.Count == 0 && Phones.Count == 0 && Addresses.Count == 0 && Websites.Count == 0;

    public static ContactFields FromVCard(VCard.VCard card)
    {
        var f = new ContactFields();
        if (card.Name is { } n)
        {
            (f.Family, f.Given, f.Middle, f.Prefix, f.Suffix) = (n.Family, n.Given, n.Additional, n.Prefix, n.Suffix);
        }

        f.FormattedName = card.FormattedName ?? string.Empty;
        f.Nickname = card.GetProperty("NICKNAME")?.Value ?? string.Empty;
        f.Birthday = CsvDates.FromVCard(card.Birthday);
        f.Notes = card.Note ?? string.Empty;
        var org = card.Organization;
        f.Organization = org.Count > 0 ? org[0] : string.Empty;
        f.Department = org.Count > 1 ? string.Join(", ", org.Skip(1).Where(o => o.Length > 0)) : string.Empty;
        f.JobTitle = card.GetProperty("TITLE")?.Value ?? string.Empty;
        f.Emails.AddRange(card.Emails.Where(e => e.Address.Length > 0).Select(e => new Typed(e.Address, Clean(e.Types), e.IsPreferred)));
        f.Phones.AddRange(card.Telephones.Where(t => t.Number.Length > 0).Select(t => new Typed(t.Number, Clean(t.Types), t.IsPreferred)));
        f.Addresses.AddRange(card.Addresses
            .Select(a => new PostalAddress(Clean(a.Types), a.PostOfficeBox, a.Extended, a.Street, a.Locality, a.Region, a.PostalCode, a.Country))
            .Where(a => !a.IsEmpty));
        f.Websites.AddRange(card.GetProperties("URL").Where(u => u.Value.Length > 0).Select(u => new Typed(u.Value, Clean(u.Types), u.IsPreferred)));
        f.Categories.AddRange(card.Categories.Where(c => c.Length > 0));
        return f;
    }

    public VCard.VCard ToVCard()
    {
        var card = new VCard.VCard { Version = VCardVersion.V3_0 };
        var fn = FormattedName.Length > 0
            ? FormattedName
            : string.Join(' ', new[] { Prefix, Given, Middle, Family, Suffix }.Where(s => s.Length > 0));
        if (fn.Length == 0)
        {
            fn = Organization.Length > 0 ? Organization : Emails.FirstOrDefault()?.Value ?? Phones.FirstOrDefault()?.Value ?? string.Empty;
        }

        // RFC 6350 §6.2.1 FN is required; RFC 2426 §3.1.2 N is required in 3.0.
        card.FormattedName = fn;
        card.Name = new VCardName(Family, Given, Middle, Prefix, Suffix);
        Add(card, "NICKNAME", Nickname);
        if (Birthday is { } b)
        {
            card.Birthday = CsvDates.ToVCard(b);
        }

        if (Organization.Length > 0 || Department.Length > 0)
        {
            card.Properties.Add(Department.Length > 0 ? new VCardProperty("ORG", Organization, Department) : new VCardProperty("ORG", Organization));
        }

        Add(card, "TITLE", JobTitle);
        foreach (var e in Emails)
        {
            card.Properties.Add(WithTypes(new VCardProperty("EMAIL", e.Value), e.Types.Prepend("INTERNET"), e.Preferred));
        }

        foreach (var t in Phones)
        {
            card.Properties.Add(WithTypes(new VCardProperty("TEL", t.Value), t.Types, t.Preferred));
        }

        foreach (var a in Addresses)
        {
            card.Properties.Add(WithTypes(new VCardProperty("ADR", a.PostOfficeBox, a.Extended, a.Street, a.City, a.Region, a.PostalCode, a.Country), a.Types, false));
        }

        foreach (var w in Websites)
        {
            card.Properties.Add(WithTypes(new VCardProperty("URL", w.Value), w.Types, w.Preferred));
        }

        if (Categories.Count > 0)
        {
            var categories = new VCardProperty("CATEGORIES");
            categories.Values.Add([.. Categories]);
            card.Properties.Add(categories);
        }

        if (Notes.Length > 0)
        {
            card.Note = Notes.ReplaceLineEndings("\n");
        }

        return card;
    }

    private static void Add(VCard.VCard card, string name, string value)
    {
        if (value.Length > 0)
        {
            card.Properties.Add(new VCardProperty(name, value));
        }
    }

    private static VCardProperty WithTypes(VCardProperty p, IEnumerable<string> types, bool preferred)
    {
        foreach (var t in types.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            p.AddParameter("TYPE", t);
        }

        if (preferred)
        {
            p.AddParameter("TYPE", "PREF");
        }

        return p;
    }

    /// <summary>TYPE values without PREF (kept as a flag) and INTERNET/VOICE (defaults that carry nothing, RFC 2426 §3.3.1-2).</summary>
    private static List<string> Clean(IEnumerable<string> types) =>
        types.Select(t => t.ToUpperInvariant()).Where(t => t is not ("PREF" or "INTERNET" or "VOICE" or "X400")).Distinct().ToList();

    public sealed record Typed(string Value, List<string> Types, bool Preferred)
    {
        public bool Is(string type) => Types.Contains(type, StringComparer.OrdinalIgnoreCase);
    }

    public sealed record PostalAddress(List<string> Types, string PostOfficeBox, string Extended, string Street, string City, string Region, string PostalCode, string Country)
    {
        public bool IsEmpty => string.Concat(PostOfficeBox, Extended, Street, City, Region, PostalCode, Country).Length == 0;

        public bool Is(string type) => Types.Contains(type, StringComparer.OrdinalIgnoreCase);
    }
}
