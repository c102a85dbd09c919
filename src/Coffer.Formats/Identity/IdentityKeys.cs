using System.Globalization;
using Coffer.Formats.Calendar;
using Coffer.Formats.Merge;
using Coffer.Formats.Notes;
using VCardItem = Coffer.Formats.VCard.VCard;

namespace Coffer.Formats.Identity;

/// <summary>
/// Clear-text identity keys for twin detection in a slow sync (OMA-TS-DS_Protocol-V1_2 §5.6: the server matches the
/// device's items against its own). They fold what differs between renderings of one item (vCard 2.1 vs 3.0, case,
/// accents, spacing, phone punctuation, CRLF) and keep what tells two items apart. The sync layer hashes them.
/// </summary>
public static class IdentityKeys
{
    /// <summary>
    /// Contacts: the name (N, else FN; words folded and sorted so "Doe;John" meets "John Doe") plus the first phone's
    /// digits (preferred first, as devices keep them), else the first e-mail in lower case, else ORG.
    /// </summary>
    public static string ForVCard(VCardItem card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var n = card.GetProperty("N");
        var name = n == null ? string.Empty : TextFold.FoldWords(string.Join(' ', n.Values.SelectMany(c => c)));
        if (name.Length == 0)
        {
            name = TextFold.FoldWords(card.FormattedName);
        }

        var phone = First(card, "TEL") is { } tel ? TextFold.PhoneDigits(tel.Value) : null;
        var email = First(card, "EMAIL")?.Value.Trim().ToLowerInvariant();
        var contact = !string.IsNullOrEmpty(phone) ? "tel:" + phone
            : !string.IsNullOrEmpty(email) ? "email:" + email
            : name.Length == 0 ? "org:" + TextFold.FoldWords(string.Join(' ', card.Organization)) : string.Empty;
        return "vcard|" + name + "|" + contact;
    }

    /// <summary>Events and tasks: the UID when present, else DTSTART (as a UTC instant when its zone is known) and SUMMARY.</summary>
    public static string ForCalendar(CalendarDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var item = doc.Items.FirstOrDefault(i => i.Get("RECURRENCE-ID") == null) ?? doc.Items.FirstOrDefault();
        if (item == null)
        {
            return "calendar|empty";
        }

        var uid = item.Uid?.Trim();
        if (!string.IsNullOrEmpty(uid))
        {
            return "calendar|" + item.Name + "|uid:" + uid;
        }

        var start = item.Get("DTSTART") is { } p ? CalendarFields.DateValue(p, doc) : string.Empty;
        return "calendar|" + item.Name + "|" + start + "|" + TextFold.Fold(item.Summary);
    }

    /// <summary>Notes: the folded first line and a length class (the body length rounded to a power of two).</summary>
    public static string ForNote(Note note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var body = TextFold.Text(note.Body.Length > 0 ? note.Body : note.Summary);
        var first = TextFold.Fold(body.Length > 0 ? Note.FirstLine(body) : note.Summary);
        var lengthClass = body.Length == 0 ? 0 : (int)Math.Log2(body.Length) + 1;
        return "note|" + first + "|" + lengthClass.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The first preferred non-empty occurrence, else the first non-empty one.</summary>
    private static Coffer.Formats.VCard.VCardProperty? First(VCardItem card, string name)
    {
        Coffer.Formats.VCard.VCardProperty? first = null;
        foreach (var p in card.Properties)
        {
            if (!string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) || p.Value.AsSpan().Trim().IsEmpty)
            {
                continue;
            }

            if (p.IsPreferred)
            {
                return p;
            }

            first ??= p;
        }

        return first;
    }
}
