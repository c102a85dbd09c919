using System.Security.Cryptography;
using Coffer.Formats.Identity;
using Coffer.Formats.VCard;
using VCardItem = Coffer.Formats.VCard.VCard;

namespace Coffer.Formats.Merge;

/// <summary>vCard properties as fields: TYPE set without PREF and the defaults (RFC 2426 §3.3.1 VOICE, §3.3.2 INTERNET); values normalized.</summary>
internal sealed class VCardFields : IFieldSchema
{
    public static readonly VCardFields Schema = new();

    // RFC 6350 §6 cardinality "1" or "*1", plus the 2.1/3.0 ones that phones hold once.
    private static readonly HashSet<string> Single = new(StringComparer.Ordinal)
    {
        "N", "FN", "BDAY", "ANNIVERSARY", "GENDER", "KIND", "UID", "REV", "PRODID", "SORT-STRING", "CLASS",
        "ORG", "TITLE", "ROLE", "NOTE", "PHOTO", "LOGO", "SOUND", "TZ", "GEO", "X-EVOLUTION-FILE-AS", "X-IRMC-LUID",
    };

    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal) { "REV", "PRODID", "X-IRMC-LUID" };

    public bool IsSingle(string name) => Single.Contains(name);

    public bool IsVolatile(string name) => Volatile.Contains(name);

    public PropertyCapability? Find(DeviceCapabilities caps, string name) => caps.Find(name);

    public static List<Field> Of(VCardItem card) => [.. card.Properties.Select(ToField)];

    public static VCardItem Build(VCardItem shape, IEnumerable<Field> fields)
    {
        var card = new VCardItem { Version = shape.Version };
        card.Properties.AddRange(fields.Select(f => ((VCardProperty)f.Source).Clone()));
        return card;
    }

    public static Field ToField(VCardProperty p)
    {
        var types = p.Types
            .Select(t => t.Trim().ToUpperInvariant())
            .Where(t => t.Length > 0 && t != "PREF" && !(p.Name == "TEL" && t == "VOICE") && !(p.Name == "EMAIL" && t == "INTERNET"))
            .Distinct()
            .Order(StringComparer.Ordinal);
        return new Field(p.Name, string.Join(',', types), ValueOf(p), p.IsPreferred, p);
    }

    private static string ValueOf(VCardProperty p)
    {
        if (p.Binary != null)
        {
            return "data:" + (p.MediaType ?? string.Empty).ToLowerInvariant() + ";sha256," + Convert.ToHexString(SHA256.HashData(p.Binary));
        }

        switch (p.Name)
        {
            case "TEL":
                return TextFold.PhoneDigits(p.Value);
            case "EMAIL":
                return p.Value.Trim().ToLowerInvariant();
            case "CATEGORIES" or "NICKNAME":
                return string.Join(',', p.Values.SelectMany(c => c).Select(v => v.Trim()).Where(v => v.Length > 0));
        }

        // Components joined by ";" and their items by ",": vCard 2.1 has no lists, so both readings meet; empty
        // trailing components (N:Doe;John;;; vs N:Doe;John) are no difference.
        var parts = p.Values.Select(c => TextFold.Text(string.Join(',', c.Select(i => i.Trim())))).ToList();
        while (parts.Count > 0 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return string.Join(';', parts);
    }
}
