using Coffer.Formats.ContentLines;

namespace Coffer.Formats.Calendar;

/// <summary>
/// Reads vCalendar 1.0 (text/x-vcalendar) and iCalendar 2.0 (text/calendar, RFC 5545) into a
/// <see cref="CalendarDocument"/> holding iCalendar 2.0 semantics. The only exception it raises is
/// <see cref="PimFormatException"/>; Loose (the default) repairs what devices get wrong, Strict rejects it.
/// </summary>
public static class CalendarParser
{
    /// <summary>Default PRODID the writer adds to iCalendar 2.0 output that has none (RFC 5545 §3.7.3 requires one).</summary>
    public const string DefaultProdId = "-//Coffer//Coffer.Formats Calendar//EN";

    private static readonly HashSet<string> ItemNames = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"];

    /// <summary>
    /// Parses the single VCALENDAR in <paramref name="text"/>. Loose takes the first of several, wraps bare
    /// VEVENT/VTODO components and returns an empty document (no <see cref="CalendarDocument.Items"/>) for
    /// text without any calendar object; Strict raises for all of these.
    /// </summary>
    public static CalendarDocument Parse(string text, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var all = ParseAll(text, compliance);
        if (all.Count == 0)
        {
            if (compliance == ParserCompliance.Loose)
            {
                // Loose never fails: input without any calendar object reads as an empty calendar.
                var empty = new CalendarDocument();
                empty.Properties.Add(new CalendarProperty("VERSION", "2.0"));
                return empty;
            }

            throw new PimFormatException("No BEGIN:VCALENDAR found.");
        }

        if (all.Count > 1 && compliance == ParserCompliance.Strict)
        {
            throw new PimFormatException("More than one VCALENDAR object.");
        }

        return all[0];
    }

    /// <summary>Every VCALENDAR in <paramref name="text"/>, in order.</summary>
    public static List<CalendarDocument> ParseAll(string text, ParserCompliance compliance = ParserCompliance.Loose)
    {
        ArgumentNullException.ThrowIfNull(text);
        var roots = ComponentReader.Read(text, new ContentLineReaderOptions { Compliance = compliance });
        var docs = new List<CalendarDocument>();
        var strays = new List<Component>();
        foreach (var root in roots)
        {
            if (root.Name == "VCALENDAR")
            {
                docs.Add(Convert(root, compliance));
            }
            else if (compliance == ParserCompliance.Loose && ItemNames.Contains(root.Name))
            {
                // Some devices send a bare VEVENT/VTODO without the VCALENDAR envelope.
                strays.Add(root);
            }
            else if (compliance == ParserCompliance.Strict)
            {
                throw new PimFormatException($"Unexpected top-level component {root.Name}.") { Line = root.LineNumber };
            }
        }

        if (docs.Count == 0 && strays.Count > 0)
        {
            var envelope = new Component("VCALENDAR");
            envelope.Components.AddRange(strays);
            docs.Add(Convert(envelope, compliance));
        }

        return docs;
    }

    private static CalendarDocument Convert(Component root, ParserCompliance compliance)
    {
        var versionText = root.GetProperty("VERSION")?.Value.Trim();
        CalendarVersion version;
        switch (versionText)
        {
            case "1.0":
                version = CalendarVersion.VCalendar10;
                break;
            case "2.0":
                version = CalendarVersion.ICalendar20;
                break;
            default:
                if (compliance == ParserCompliance.Strict)
                {
                    // RFC 5545 §3.7.4, vCalendar 1.0 §3.4.14: VERSION is required and 1.0 or 2.0.
                    throw new PimFormatException($"Missing or unsupported calendar VERSION '{versionText}'.") { Line = root.LineNumber };
                }

                version = LooksLikeVCalendar10(root) ? CalendarVersion.VCalendar10 : CalendarVersion.ICalendar20;
                break;
        }

        var doc = new CalendarDocument(version);
        Fill(doc, root, version, compliance);
        if (version == CalendarVersion.VCalendar10)
        {
            VCalendarImport.Apply(doc, compliance);
        }
        else if (compliance == ParserCompliance.Strict)
        {
            Validate(doc);
        }

        if (doc.Get("VERSION") is null)
        {
            doc.Properties.Insert(0, new CalendarProperty("VERSION", "2.0"));
        }

        return doc;
    }

    private static void Fill(CalendarComponent target, Component source, CalendarVersion version, ParserCompliance compliance)
    {
        foreach (var line in source.Properties)
        {
            var value = line.Value;
            if (Placeholder.IsPlaceholder(value))
            {
                // A value of separators only is a phone's placeholder for a field it knows: absent (docs/calendar.md).
                continue;
            }

            if (line.IsQuotedPrintable || line.IsBase64 || line.GetParameter("CHARSET") is not null)
            {
                if (version == CalendarVersion.ICalendar20 && compliance == ParserCompliance.Strict && line.IsQuotedPrintable)
                {
                    // RFC 5545 §3.2.7 knows ENCODING=8BIT and BASE64 only.
                    throw new PimFormatException($"{line.Name}: quoted-printable is not allowed in iCalendar 2.0.") { Line = line.LineNumber };
                }

                if (!line.IsBase64 || version == CalendarVersion.VCalendar10)
                {
                    value = ContentLineValue.DecodeText(line, compliance);
                    if (version == CalendarVersion.VCalendar10)
                    {
                        value = value.Replace("\r\n", "\n", StringComparison.Ordinal);
                    }
                }
            }

            if (value.Length < 16 && Placeholder.IsPlaceholder(value))
            {
                continue;
            }

            var prop = new CalendarProperty(line.Name, value);
            foreach (var p in line.Parameters)
            {
                var name = p.EffectiveName;
                if (name == "CHARSET" || (name == "ENCODING" && !(line.IsBase64 && version == CalendarVersion.ICalendar20)))
                {
                    continue;
                }

                prop.Parameters.Add(new CalendarParameter(name, p.Values));
            }

            target.Properties.Add(prop);
        }

        foreach (var child in source.Components)
        {
            var c = new CalendarComponent(child.Name);
            Fill(c, child, version, compliance);
            target.Components.Add(c);
        }
    }

    private static bool LooksLikeVCalendar10(Component root) =>
        root.Properties.Any(p => p.Name is "TZ" or "DAYLIGHT")
        || root.Components.Any(c => c.Properties.Any(p => p.Name is "AALARM" or "DALARM" or "DCREATED" || p.IsQuotedPrintable));

    /// <summary>Strict RFC 5545 value checks for the properties the model interprets.</summary>
    private static void Validate(CalendarComponent c)
    {
        foreach (var p in c.Properties)
        {
            switch (p.Name)
            {
                case "DTSTART" or "DTEND" or "DUE" or "RECURRENCE-ID" or "EXDATE" or "RDATE" or "COMPLETED" or "CREATED" or "DTSTAMP" or "LAST-MODIFIED":
                    if (!string.Equals(p.GetParameter("VALUE"), "PERIOD", StringComparison.OrdinalIgnoreCase))
                    {
                        foreach (var v in p.Value.Split(','))
                        {
                            var d = CalendarDateTime.Parse(v, p.GetParameter("TZID"), ParserCompliance.Strict);
                            if (d.IsDate != string.Equals(p.GetParameter("VALUE"), "DATE", StringComparison.OrdinalIgnoreCase))
                            {
                                throw new PimFormatException($"{p.Name}: value '{v}' does not match its VALUE type (RFC 5545 §3.2.20).");
                            }
                        }
                    }

                    break;
                case "RRULE" or "EXRULE":
                    RecurrenceRule.Parse(p.Value, ParserCompliance.Strict);
                    break;
                case "PRIORITY":
                    if (!int.TryParse(p.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prio) || prio > 9)
                    {
                        throw new PimFormatException($"PRIORITY must be 0-9 (RFC 5545 §3.8.1.9), got '{p.Value}'.");
                    }

                    break;
                case "DURATION":
                    CalendarDuration.Parse(p.Value);
                    break;
                case "TRIGGER":
                    if (string.Equals(p.GetParameter("VALUE"), "DATE-TIME", StringComparison.OrdinalIgnoreCase))
                    {
                        CalendarDateTime.Parse(p.Value, null, ParserCompliance.Strict);
                    }
                    else
                    {
                        CalendarDuration.Parse(p.Value);
                    }

                    break;
            }
        }

        foreach (var child in c.Components)
        {
            Validate(child);
        }
    }
}
