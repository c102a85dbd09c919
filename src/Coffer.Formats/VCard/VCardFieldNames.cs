namespace Coffer.Formats.VCard;

/// <summary>What people call the vCard properties (RFC 6350 §6, RFC 2426 §3) and the parts of the structured ones.</summary>
public static class VCardFieldNames
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FN"] = "Display name",
        ["N"] = "Name",
        ["NICKNAME"] = "Nickname",
        ["TEL"] = "Phone",
        ["EMAIL"] = "E-mail",
        ["ADR"] = "Address",
        ["LABEL"] = "Address label",
        ["ORG"] = "Organization",
        ["TITLE"] = "Job title",
        ["ROLE"] = "Role",
        ["BDAY"] = "Birthday",
        ["ANNIVERSARY"] = "Anniversary",
        ["NOTE"] = "Note",
        ["URL"] = "Web site",
        ["CATEGORIES"] = "Categories",
        ["PHOTO"] = "Photo",
        ["LOGO"] = "Logo",
        ["SOUND"] = "Sound",
        ["KEY"] = "Public key",
        ["GEO"] = "Location",
        ["TZ"] = "Time zone",
        ["IMPP"] = "Instant messaging",
        ["X-AIM"] = "AIM",
        ["X-JABBER"] = "Jabber",
        ["X-SKYPE"] = "Skype",
        ["X-ICQ"] = "ICQ",
        ["X-MSN"] = "MSN",
        ["X-YAHOO"] = "Yahoo",
        ["X-GROUPWISE"] = "GroupWise",
        ["X-GADUGADU"] = "Gadu-Gadu",
        ["X-ASSISTANT"] = "Assistant",
        ["X-MANAGER"] = "Manager",
        ["X-SPOUSE"] = "Spouse",
        ["X-ANNIVERSARY"] = "Anniversary",
        ["X-EVOLUTION-FILE-AS"] = "File as",
        ["X-EVOLUTION-BLOG-URL"] = "Blog",
        ["X-EVOLUTION-VIDEO-URL"] = "Video chat",
        ["FBURL"] = "Free/busy URL",
        ["CALURI"] = "Calendar URL",
        ["UID"] = "Unique id",
        ["REV"] = "Revision",
        ["PRODID"] = "Made by",
        ["SORT-STRING"] = "Sort as",
        ["CLASS"] = "Access class",
        ["MAILER"] = "Mail program",
        ["GENDER"] = "Gender",
        ["LANG"] = "Language",
        ["RELATED"] = "Related",
        ["MEMBER"] = "Member",
        ["KIND"] = "Kind",
    };

    private static readonly Dictionary<string, string[]> Parts = new(StringComparer.OrdinalIgnoreCase)
    {
        // RFC 6350 §6.2.2 and §6.3.1.
        ["N"] = ["Family name", "Given name", "Middle names", "Prefix", "Suffix"],
        ["ADR"] = ["PO box", "Extended", "Street", "City", "Region", "Postal code", "Country"],
        ["ORG"] = ["Organization", "Unit"],
        ["GENDER"] = ["Sex", "Identity"],
    };

    /// <summary>Names offered when adding a field (the common ones first); any other name can be typed.</summary>
    public static IReadOnlyList<string> Common { get; } =
        ["TEL", "EMAIL", "ADR", "ORG", "TITLE", "BDAY", "NOTE", "URL", "NICKNAME", "CATEGORIES", "X-JABBER", "X-SKYPE", "X-SPOUSE", "X-ANNIVERSARY"];

    /// <summary>A readable label, or the name itself for a property nobody named.</summary>
    public static string Label(string name) => Labels.TryGetValue(name, out var label) ? label : name;

    /// <summary>The parts of a structured property, or one unnamed part.</summary>
    public static IReadOnlyList<string> PartsOf(string name) => Parts.TryGetValue(name, out var parts) ? parts : [string.Empty];

    /// <summary>Properties whose value is a list of items separated by "," (RFC 6350 §6.2.3, §6.7.1).</summary>
    public static bool IsList(string name) => name.Equals("CATEGORIES", StringComparison.OrdinalIgnoreCase) || name.Equals("NICKNAME", StringComparison.OrdinalIgnoreCase);
}
