namespace Coffer.Formats.Csv;

/// <summary>
/// Google Contacts CSV, both generations. Repeated fields are numbered column groups ("E-mail 1 - Type",
/// "E-mail 1 - Value", "E-mail 2 - ..."); one cell may hold several values split by " ::: ", and a
/// type written "* Work" marks the primary value.
/// </summary>
internal static class GoogleCsvMapper
{
    private const string Separator = " ::: ";

    private static readonly string[] AddressParts = ["Formatted", "Street", "City", "PO Box", "Region", "Postal Code", "Country", "Extended Address"];

    public static ContactFields Read(CsvRow row, bool legacy)
    {
        var f = new ContactFields();
        var typeSuffix = legacy ? "Type" : "Label";
        if (legacy)
        {
            (f.FormattedName, f.Given, f.Middle, f.Family) = (row["Name"], row["Given Name"], row["Additional Name"], row["Family Name"]);
            (f.Organization, f.JobTitle, f.Department) = (row["Organization 1 - Name"], row["Organization 1 - Title"], row["Organization 1 - Department"]);
        }
        else
        {
            (f.Given, f.Middle, f.Family, f.FormattedName) = (row["First Name"], row["Middle Name"], row["Last Name"], row["File As"]);
            (f.Organization, f.JobTitle, f.Department) = (row["Organization Name"], row["Organization Title"], row["Organization Department"]);
        }

        (f.Prefix, f.Suffix, f.Nickname, f.Notes) = (row["Name Prefix"], row["Name Suffix"], row["Nickname"], row["Notes"]);
        if (!CsvDates.TryParse(row["Birthday"], out var birthday))
        {
            throw new FormatException($"unreadable Birthday \"{row["Birthday"]}\"");
        }

        f.Birthday = birthday;
        foreach (var group in Split(legacy ? row["Group Membership"] : row["Labels"]))
        {
            // "* myContacts" and "* starred" are Google's system groups, not user categories.
            if (!group.StartsWith('*'))
            {
                f.Categories.Add(group);
            }
        }

        for (var i = 1; row.Has($"E-mail {i} - Value"); i++)
        {
            var (types, pref) = Label(row[$"E-mail {i} - {typeSuffix}"], PhoneLike: false);
            f.Emails.AddRange(Split(row[$"E-mail {i} - Value"]).Select((v, k) => new ContactFields.Typed(v, types, pref && k == 0)));
        }

        for (var i = 1; row.Has($"Phone {i} - Value"); i++)
        {
            var (types, pref) = Label(row[$"Phone {i} - {typeSuffix}"], PhoneLike: true);
            f.Phones.AddRange(Split(row[$"Phone {i} - Value"]).Select((v, k) => new ContactFields.Typed(v, types, pref && k == 0)));
        }

        for (var i = 1; row.Has($"Address {i} - Street") || row.Has($"Address {i} - Formatted"); i++)
        {
            var (types, _) = Label(row[$"Address {i} - {typeSuffix}"], PhoneLike: false);
            var street = row[$"Address {i} - Street"];
            var parts = new[] { "Street", "City", "PO Box", "Region", "Postal Code", "Country", "Extended Address" };
            if (parts.All(p => row[$"Address {i} - {p}"].Length == 0))
            {
                // Only a formatted block: keep it as the street so nothing is lost.
                street = row[$"Address {i} - Formatted"];
            }

            var a = new ContactFields.PostalAddress(types, row[$"Address {i} - PO Box"], row[$"Address {i} - Extended Address"], street,
                row[$"Address {i} - City"], row[$"Address {i} - Region"], row[$"Address {i} - Postal Code"], row[$"Address {i} - Country"]);
            if (!a.IsEmpty)
            {
                f.Addresses.Add(a);
            }
        }

        for (var i = 1; row.Has($"Website {i} - Value"); i++)
        {
            var (types, pref) = Label(row[$"Website {i} - {typeSuffix}"], PhoneLike: false);
            f.Websites.AddRange(Split(row[$"Website {i} - Value"]).Select(v => new ContactFields.Typed(v, types, pref)));
        }

        return f;
    }

    public static (List<string> Header, List<List<string>> Rows) Write(IReadOnlyList<ContactFields> contacts, bool legacy)
    {
        var typeSuffix = legacy ? "Type" : "Label";
        var emails = Math.Max(1, contacts.Max(c => (int?)c.Emails.Count) ?? 0);
        var phones = Math.Max(1, contacts.Max(c => (int?)c.Phones.Count) ?? 0);
        var addresses = Math.Max(1, contacts.Max(c => (int?)c.Addresses.Count) ?? 0);
        var websites = Math.Max(1, contacts.Max(c => (int?)c.Websites.Count) ?? 0);
        var header = legacy
            ? new List<string>
            {
                "Name", "Given Name", "Additional Name", "Family Name", "Yomi Name", "Given Name Yomi", "Additional Name Yomi", "Family Name Yomi",
                "Name Prefix", "Name Suffix", "Initials", "Nickname", "Short Name", "Maiden Name", "Birthday", "Gender", "Location",
                "Billing Information", "Directory Server", "Mileage", "Occupation", "Hobby", "Sensitivity", "Priority", "Subject", "Notes",
                "Language", "Photo", "Group Membership",
            }
            : new List<string>
            {
                "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name", "Phonetic Last Name", "Name Prefix",
                "Name Suffix", "Nickname", "File As", "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
                "Photo", "Labels",
            };
        for (var i = 1; i <= emails; i++)
        {
            header.AddRange([$"E-mail {i} - {typeSuffix}", $"E-mail {i} - Value"]);
        }

        for (var i = 1; i <= phones; i++)
        {
            header.AddRange([$"Phone {i} - {typeSuffix}", $"Phone {i} - Value"]);
        }

        for (var i = 1; i <= addresses; i++)
        {
            header.Add($"Address {i} - {typeSuffix}");
            header.AddRange(AddressParts.Select(p => $"Address {i} - {p}"));
        }

        if (legacy)
        {
            header.AddRange(["Organization 1 - Type", "Organization 1 - Name", "Organization 1 - Yomi Name", "Organization 1 - Title",
                "Organization 1 - Department", "Organization 1 - Symbol", "Organization 1 - Location", "Organization 1 - Job Description"]);
        }

        for (var i = 1; i <= websites; i++)
        {
            header.AddRange([$"Website {i} - {typeSuffix}", $"Website {i} - Value"]);
        }

        var rows = new List<List<string>>();
        foreach (var c in contacts)
        {
            var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Name Prefix"] = c.Prefix,
                ["Name Suffix"] = c.Suffix,
                ["Nickname"] = c.Nickname,
                ["Birthday"] = c.Birthday is { } b ? CsvDates.ToGoogle(b) : string.Empty,
                ["Notes"] = c.Notes,
                [legacy ? "Group Membership" : "Labels"] = string.Join(Separator, c.Categories.Prepend("* myContacts")),
            };
            if (legacy)
            {
                (cells["Name"], cells["Given Name"], cells["Additional Name"], cells["Family Name"]) = (c.FormattedName, c.Given, c.Middle, c.Family);
                (cells["Organization 1 - Name"], cells["Organization 1 - Title"], cells["Organization 1 - Department"]) = (c.Organization, c.JobTitle, c.Department);
            }
            else
            {
                (cells["First Name"], cells["Middle Name"], cells["Last Name"], cells["File As"]) = (c.Given, c.Middle, c.Family, c.FormattedName);
                (cells["Organization Name"], cells["Organization Title"], cells["Organization Department"]) = (c.Organization, c.JobTitle, c.Department);
            }

            for (var i = 0; i < c.Emails.Count; i++)
            {
                cells[$"E-mail {i + 1} - {typeSuffix}"] = LabelOf(c.Emails[i].Types, c.Emails[i].Preferred, phone: false);
                cells[$"E-mail {i + 1} - Value"] = c.Emails[i].Value;
            }

            for (var i = 0; i < c.Phones.Count; i++)
            {
                cells[$"Phone {i + 1} - {typeSuffix}"] = LabelOf(c.Phones[i].Types, c.Phones[i].Preferred, phone: true);
                cells[$"Phone {i + 1} - Value"] = c.Phones[i].Value;
            }

            for (var i = 0; i < c.Addresses.Count; i++)
            {
                var a = c.Addresses[i];
                var p = $"Address {i + 1} - ";
                cells[p + typeSuffix] = LabelOf(a.Types, false, phone: false);
                cells[p + "Formatted"] = string.Join("\n", new[] { a.Street, string.Join(' ', new[] { a.PostalCode, a.City }.Where(s => s.Length > 0)), a.Region, a.Country }.Where(s => s.Length > 0));
                (cells[p + "Street"], cells[p + "City"], cells[p + "PO Box"], cells[p + "Region"]) = (a.Street, a.City, a.PostOfficeBox, a.Region);
                (cells[p + "Postal Code"], cells[p + "Country"], cells[p + "Extended Address"]) = (a.PostalCode, a.Country, a.Extended);
            }

            for (var i = 0; i < c.Websites.Count; i++)
            {
                cells[$"Website {i + 1} - {typeSuffix}"] = LabelOf(c.Websites[i].Types, c.Websites[i].Preferred, phone: false);
                cells[$"Website {i + 1} - Value"] = c.Websites[i].Value;
            }

            rows.Add(header.Select(h => cells.TryGetValue(h, out var v) ? v : string.Empty).ToList());
        }

        return (header, rows);
    }

    private static IEnumerable<string> Split(string cell) =>
        cell.Split(":::", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A Google label as vCard TYPE values (RFC 2426 §3.3.1 tel-type, §3.3.2 email-type).</summary>
    private static (List<string> Types, bool Preferred) Label(string label, bool PhoneLike)
    {
        var pref = label.StartsWith('*');
        var text = label.TrimStart('*', ' ').Trim();
        List<string> types = text.ToLowerInvariant() switch
        {
            "" or "other" => [],
            "home" => ["HOME"],
            "work" => ["WORK"],
            "mobile" => ["CELL"],
            "home fax" => ["HOME", "FAX"],
            "work fax" => ["WORK", "FAX"],
            "other fax" or "fax" => ["FAX"],
            "pager" => ["PAGER"],
            "car" => ["CAR"],
            "isdn" => ["ISDN"],
            "main" when PhoneLike => ["X-MAIN"],
            _ => ["X-" + new string(text.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant()],
        };
        return (types.Where(t => t != "X-").ToList(), pref);
    }

    private static string LabelOf(List<string> types, bool preferred, bool phone)
    {
        bool Has(string t) => types.Contains(t, StringComparer.OrdinalIgnoreCase);
        var label = Has("FAX") ? (Has("HOME") ? "Home Fax" : Has("WORK") ? "Work Fax" : "Other Fax")
            : phone && Has("CELL") ? "Mobile"
            : phone && Has("PAGER") ? "Pager"
            : phone && Has("CAR") ? "Car"
            : phone && Has("ISDN") ? "ISDN"
            : phone && Has("X-MAIN") ? "Main"
            : Has("HOME") ? "Home"
            : Has("WORK") ? "Work"
            : types.FirstOrDefault(t => t.Length > 2 && t.StartsWith("X-", StringComparison.OrdinalIgnoreCase)) is { } x ? char.ToUpperInvariant(x[2]) + x[3..].ToLowerInvariant()
            : "Other";
        return (preferred ? "* " : string.Empty) + label;
    }
}
