namespace Coffer.Formats.Csv;

/// <summary>
/// Outlook's CSV export: one fixed column per kind of field (three e-mails, named phone slots, Home /
/// Business / Other addresses). "Title" is the name prefix, "Job Title" the job; Categories are ";"-separated.
/// </summary>
internal static class OutlookCsvMapper
{
    public static readonly string[] Header =
    [
        "First Name", "Middle Name", "Last Name", "Title", "Suffix", "Initials", "Web Page", "Gender", "Birthday", "Anniversary",
        "Location", "Language", "Internet Free Busy", "Notes", "E-mail Address", "E-mail 2 Address", "E-mail 3 Address",
        "Primary Phone", "Home Phone", "Home Phone 2", "Mobile Phone", "Pager", "Home Fax", "Home Address", "Home Street",
        "Home Street 2", "Home Street 3", "Home Address PO Box", "Home City", "Home State", "Home Postal Code", "Home Country",
        "Spouse", "Children", "Manager's Name", "Assistant's Name", "Referred By", "Company Main Phone", "Business Phone",
        "Business Phone 2", "Business Fax", "Assistant's Phone", "Company", "Job Title", "Department", "Office Location",
        "Organizational ID Number", "Profession", "Account", "Business Address", "Business Street", "Business Street 2",
        "Business Street 3", "Business Address PO Box", "Business City", "Business State", "Business Postal Code",
        "Business Country", "Other Phone", "Other Fax", "Other Address", "Other Street", "Other Street 2", "Other Street 3",
        "Other Address PO Box", "Other City", "Other State", "Other Postal Code", "Other Country", "Callback", "Car Phone", "ISDN",
        "Radio Phone", "TTY/TDD Phone", "Telex", "User 1", "User 2", "User 3", "User 4", "Keywords", "Mileage", "Hobby",
        "Billing Information", "Directory Server", "Sensitivity", "Priority", "Private", "Categories",
    ];

    /// <summary>Phone columns and the vCard TYPE values they stand for (RFC 2426 §3.3.1).</summary>
    private static readonly (string Column, string[] Types)[] PhoneColumns =
    [
        ("Primary Phone", ["PREF"]), ("Home Phone", ["HOME"]), ("Home Phone 2", ["HOME"]), ("Mobile Phone", ["CELL"]), ("Pager", ["PAGER"]),
        ("Home Fax", ["HOME", "FAX"]), ("Company Main Phone", ["WORK", "X-MAIN"]), ("Business Phone", ["WORK"]), ("Business Phone 2", ["WORK"]),
        ("Business Fax", ["WORK", "FAX"]), ("Assistant's Phone", ["X-ASSISTANT"]), ("Other Phone", []), ("Other Fax", ["FAX"]),
        ("Callback", ["X-CALLBACK"]), ("Car Phone", ["CAR"]), ("ISDN", ["ISDN"]), ("Radio Phone", ["X-RADIO"]), ("TTY/TDD Phone", ["X-TTYTDD"]),
        ("Telex", ["X-TELEX"]),
    ];

    private static readonly (string Prefix, string? Type)[] AddressKinds = [("Home", "HOME"), ("Business", "WORK"), ("Other", null)];

    public static ContactFields Read(CsvRow row)
    {
        var f = new ContactFields
        {
            Given = row["First Name"],
            Middle = row["Middle Name"],
            Family = row["Last Name"],
            Prefix = row["Title"],
            Suffix = row["Suffix"],
            Notes = row["Notes"],
            Organization = row["Company"],
            Department = row["Department"],
            JobTitle = row["Job Title"],
        };
        if (!CsvDates.TryParse(row["Birthday"], out var birthday))
        {
            throw new FormatException($"unreadable Birthday \"{row["Birthday"]}\"");
        }

        f.Birthday = birthday;
        foreach (var column in new[] { "E-mail Address", "E-mail 2 Address", "E-mail 3 Address" })
        {
            if (row[column].Trim().Length > 0)
            {
                f.Emails.Add(new ContactFields.Typed(row[column].Trim(), [], false));
            }
        }

        foreach (var (column, types) in PhoneColumns)
        {
            if (row[column].Trim().Length > 0)
            {
                var isPrimary = types is ["PREF"];
                f.Phones.Add(new ContactFields.Typed(row[column].Trim(), isPrimary ? [] : [.. types], isPrimary));
            }
        }

        foreach (var (prefix, type) in AddressKinds)
        {
            var street = string.Join("\n", new[] { row[$"{prefix} Street"], row[$"{prefix} Street 2"], row[$"{prefix} Street 3"] }.Where(s => s.Length > 0));
            var a = new ContactFields.PostalAddress(type == null ? [] : [type], row[$"{prefix} Address PO Box"], string.Empty, street,
                row[$"{prefix} City"], row[$"{prefix} State"], row[$"{prefix} Postal Code"], row[$"{prefix} Country"]);
            if (!a.IsEmpty)
            {
                f.Addresses.Add(a);
            }
        }

        if (row["Web Page"].Length > 0)
        {
            f.Websites.Add(new ContactFields.Typed(row["Web Page"], [], false));
        }

        f.Categories.AddRange(row["Categories"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return f;
    }

    public static List<string> Write(ContactFields c)
    {
        var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["First Name"] = c.Given,
            ["Middle Name"] = c.Middle,
            ["Last Name"] = c.Family,
            ["Title"] = c.Prefix,
            ["Suffix"] = c.Suffix,
            ["Notes"] = c.Notes,
            ["Company"] = c.Organization,
            ["Department"] = c.Department,
            ["Job Title"] = c.JobTitle,
            ["Birthday"] = c.Birthday is { } b ? CsvDates.ToOutlook(b) : "0/0/00",
            ["Anniversary"] = "0/0/00",
            ["Web Page"] = c.Websites.FirstOrDefault()?.Value ?? string.Empty,
            ["Categories"] = string.Join(';', c.Categories),
            ["Private"] = "False",
            ["Sensitivity"] = "Normal",
            ["Priority"] = "Normal",
        };
        var emailColumns = new[] { "E-mail Address", "E-mail 2 Address", "E-mail 3 Address" };
        foreach (var (column, email) in emailColumns.Zip(c.Emails.OrderByDescending(e => e.Preferred)))
        {
            cells[column] = email.Value;
        }

        foreach (var phone in c.Phones)
        {
            var column = PhoneColumnFor(phone, cells);
            if (column != null)
            {
                cells[column] = phone.Value;
            }
        }

        foreach (var (prefix, type) in AddressKinds)
        {
            var a = c.Addresses.FirstOrDefault(x => type == null ? !x.Is("HOME") && !x.Is("WORK") : x.Is(type));
            if (a == null)
            {
                continue;
            }

            var streets = string.Join("\n", new[] { a.Extended, a.Street }.Where(s => s.Length > 0)).Split('\n');
            (cells[$"{prefix} Street"], cells[$"{prefix} Street 2"], cells[$"{prefix} Street 3"]) =
                (streets.ElementAtOrDefault(0) ?? string.Empty, streets.ElementAtOrDefault(1) ?? string.Empty, string.Join(" ", streets.Skip(2)));
            (cells[$"{prefix} Address PO Box"], cells[$"{prefix} City"], cells[$"{prefix} State"]) = (a.PostOfficeBox, a.City, a.Region);
            (cells[$"{prefix} Postal Code"], cells[$"{prefix} Country"]) = (a.PostalCode, a.Country);
        }

        return Header.Select(h => cells.TryGetValue(h, out var v) ? v : string.Empty).ToList();
    }

    /// <summary>The first free column whose meaning matches the number's types; a number no column fits is dropped.</summary>
    private static string? PhoneColumnFor(ContactFields.Typed phone, Dictionary<string, string> used)
    {
        bool Free(string column) => !used.ContainsKey(column);
        IEnumerable<string> candidates =
            phone.Is("FAX") ? (phone.Is("HOME") ? ["Home Fax", "Other Fax"] : phone.Is("WORK") ? ["Business Fax", "Other Fax"] : ["Other Fax"])
            : phone.Is("CELL") ? ["Mobile Phone", "Other Phone"]
            : phone.Is("PAGER") ? ["Pager", "Other Phone"]
            : phone.Is("CAR") ? ["Car Phone", "Other Phone"]
            : phone.Is("ISDN") ? ["ISDN", "Other Phone"]
            : phone.Is("X-MAIN") ? ["Company Main Phone", "Business Phone", "Business Phone 2"]
            : phone.Is("WORK") ? ["Business Phone", "Business Phone 2", "Other Phone"]
            : phone.Is("HOME") ? ["Home Phone", "Home Phone 2", "Other Phone"]
            : PhoneColumns.Where(p => p.Types.Length == 1 && p.Types[0].StartsWith("X-", StringComparison.Ordinal) && phone.Is(p.Types[0])).Select(p => p.Column)
                .Concat(phone.Preferred ? ["Primary Phone", "Other Phone"] : ["Other Phone", "Primary Phone"]);
        return candidates.FirstOrDefault(Free);
    }
}
