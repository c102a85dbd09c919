using System.Globalization;
using System.Text;
using Coffer.Formats.ContentLines;

namespace Coffer.Formats.Notes;

/// <summary>Writes vNote 1.1 (IrMC 1.1 §3.3.3.3) in the vCard 2.1 style phones expect: multi-line or non-ASCII text as QUOTED-PRINTABLE with CHARSET=UTF-8.</summary>
public static class VNoteWriter
{
    public static string Write(Note note) => ComponentWriter.Write(ToComponent(note));

    public static Component ToComponent(Note note)
    {
        var c = new Component("VNOTE");
        c.Properties.Add(new ContentLine("VERSION", "1.1"));
        c.Properties.Add(TextLine("BODY", note.Body.ReplaceLineEndings("\r\n")));
        if (!string.IsNullOrEmpty(note.Summary))
        {
            c.Properties.Add(TextLine("SUMMARY", note.Summary));
        }

        if (note.Categories.Count > 0)
        {
            c.Properties.Add(TextLine("CATEGORIES", string.Join(';', note.Categories.Select(x => x.Replace(";", "\\;", StringComparison.Ordinal))), escape: false));
        }

        if (!string.IsNullOrEmpty(note.Classification))
        {
            c.Properties.Add(new ContentLine("CLASS", note.Classification));
        }

        if (note.Created is { } created)
        {
            c.Properties.Add(new ContentLine("DCREATED", FormatDate(created)));
        }

        if (note.LastModified is { } modified)
        {
            c.Properties.Add(new ContentLine("LAST-MODIFIED", FormatDate(modified)));
        }

        if (!string.IsNullOrEmpty(note.Luid))
        {
            c.Properties.Add(new ContentLine("X-IRMC-LUID", note.Luid));
        }

        c.Properties.AddRange(note.OtherProperties.Select(p => p.Clone()));
        return c;
    }

    /// <summary>vCalendar 1.0 §2.1.5 basic format; UTC values end in "Z".</summary>
    internal static string FormatDate(DateTime value) =>
        value.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + (value.Kind == DateTimeKind.Utc ? "Z" : string.Empty);

    /// <summary>vCard 2.1 §2.1.3: line breaks and 8-bit text travel quoted-printable; CHARSET names the octets (§2.1.5).</summary>
    internal static ContentLine TextLine(string name, string text, bool escape = true)
    {
        var value = escape ? TextEscaping.Escape(text, EscapeStyle.Legacy) : text;
        var needsQp = value.Any(ch => ch > 0x7e || ch < 0x20) || value.EndsWith(' ');
        if (!needsQp)
        {
            return new ContentLine(name, value);
        }

        return new ContentLine(
            name,
            QuotedPrintable.Encode(Encoding.UTF8.GetBytes(value)),
            new ContentLineParameter("ENCODING", "QUOTED-PRINTABLE"),
            new ContentLineParameter("CHARSET", "UTF-8"));
    }
}
