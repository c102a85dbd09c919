using System.Text;
using Coffer.Formats.ContentLines;

namespace Coffer.Formats.Calendar;

/// <summary>
/// Writes a <see cref="CalendarDocument"/> as iCalendar 2.0 (RFC 5545: CRLF, folded at 75 octets,
/// UTF-8) or vCalendar 1.0 (converted as docs/calendar.md lists; non-ASCII and multi-line values
/// quoted-printable with CHARSET=UTF-8, vCalendar 1.0 §2.1.3).
/// </summary>
public static class CalendarWriter
{
    public static string Write(CalendarDocument document, CalendarVersion version)
    {
        ArgumentNullException.ThrowIfNull(document);
        return version == CalendarVersion.VCalendar10 ? WriteVCalendar(document) : WriteICalendar(document);
    }

    private static string WriteICalendar(CalendarDocument document)
    {
        var root = new Component("VCALENDAR");
        var props = document.Properties.ToList();
        props.RemoveAll(p => p.Name == "VERSION");
        if (!props.Exists(p => p.Name == "PRODID"))
        {
            props.Insert(0, new CalendarProperty("PRODID", CalendarParser.DefaultProdId));
        }

        // RFC 5545 §3.6: VERSION first is what every consumer expects to see.
        root.Properties.Add(new ContentLine("VERSION", "2.0"));
        root.Properties.AddRange(props.Where(HasData).Select(ToLine));
        root.Components.AddRange(document.Components.Select(ToComponent));
        return ComponentWriter.Write(root);
    }

    private static string WriteVCalendar(CalendarDocument document)
    {
        var doc = VCalendarExport.Apply(document);
        doc.Properties.RemoveAll(p => p.Name == "PRODID" && p.Value == CalendarParser.DefaultProdId);
        var root = ToComponent(doc);
        EncodeLegacy(root);
        return ComponentWriter.Write(root);
    }

    private static Component ToComponent(CalendarComponent c)
    {
        var comp = new Component(c.Name);
        comp.Properties.AddRange(c.Properties.Where(HasData).Select(ToLine));
        comp.Components.AddRange(c.Components.Select(ToComponent));
        return comp;
    }

    /// <summary>An empty or separators-only value is a placeholder, not data: the property is not written (docs/calendar.md).</summary>
    private static bool HasData(CalendarProperty p) => !Placeholder.IsPlaceholder(p.Value);

    private static ContentLine ToLine(CalendarProperty p) =>
        new(p.Name, p.Value, [.. p.Parameters.Select(x => new ContentLineParameter(x.Name, x.Values))]);

    /// <summary>vCalendar 1.0 §2.1.3: values with line breaks or 8-bit text go quoted-printable, UTF-8.</summary>
    private static void EncodeLegacy(Component c)
    {
        foreach (var line in c.Properties)
        {
            if (line.Value.Any(ch => ch > 126 || ch == '\n' || ch == '\r'))
            {
                var text = line.Value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
                line.Value = QuotedPrintable.Encode(text, Encoding.UTF8);
                line.Parameters.Add(new ContentLineParameter("ENCODING", "QUOTED-PRINTABLE"));
                if (text.Any(ch => ch > 126))
                {
                    line.Parameters.Add(new ContentLineParameter("CHARSET", "UTF-8"));
                }
            }
        }

        foreach (var child in c.Components)
        {
            EncodeLegacy(child);
        }
    }
}
