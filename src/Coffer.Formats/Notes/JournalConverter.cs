using Coffer.Formats.ContentLines;

namespace Coffer.Formats.Notes;

/// <summary>
/// Maps notes to and from iCalendar VJOURNAL (RFC 5545 §3.6.3) for the fields notes share: SUMMARY,
/// DESCRIPTION (the body) and CATEGORIES. Evolution stores memos this way (eds_memo.ics).
/// </summary>
public static class JournalConverter
{
    /// <summary>A VCALENDAR with one VJOURNAL (RFC 5545 §3.4: VERSION and PRODID are required).</summary>
    public static string ToICalendar(Note note)
    {
        var calendar = new Component("VCALENDAR");
        calendar.Properties.Add(new ContentLine("VERSION", "2.0"));
        calendar.Properties.Add(new ContentLine("PRODID", "-//Coffer//Notes//EN"));
        calendar.Components.Add(ToVJournal(note));
        return ComponentWriter.Write(calendar);
    }

    public static Component ToVJournal(Note note)
    {
        var journal = new Component("VJOURNAL");
        if (!string.IsNullOrEmpty(note.Summary))
        {
            journal.Properties.Add(new ContentLine("SUMMARY", TextEscaping.Escape(note.Summary, EscapeStyle.Rfc)));
        }

        if (note.Body.Length > 0)
        {
            journal.Properties.Add(new ContentLine("DESCRIPTION", TextEscaping.Escape(note.Body, EscapeStyle.Rfc)));
        }

        if (note.Categories.Count > 0)
        {
            // RFC 5545 §3.8.1.2: a comma-separated list of TEXT values.
            journal.Properties.Add(new ContentLine("CATEGORIES", string.Join(',', note.Categories.Select(c => TextEscaping.Escape(c, EscapeStyle.Rfc)))));
        }

        return journal;
    }

    /// <summary>Every VJOURNAL in an iCalendar stream (several VCALENDAR objects may follow each other).</summary>
    public static IReadOnlyList<Note> FromICalendar(string text, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var notes = new List<Note>();
        foreach (var top in ComponentReader.Read(text, new ContentLineReaderOptions { Compliance = compliance }))
        {
            var journals = top.Name == "VJOURNAL" ? [top] : top.Components.Where(c => c.Name == "VJOURNAL");
            notes.AddRange(journals.Select(j => FromVJournal(j, compliance)));
        }

        return notes;
    }

    public static Note FromVJournal(Component journal, ParserCompliance compliance = ParserCompliance.Loose)
    {
        var note = new Note();
        foreach (var line in journal.Properties)
        {
            switch (line.Name)
            {
                case "SUMMARY":
                    note.Summary = TextEscaping.Unescape(ContentLineValue.DecodeText(line, compliance), EscapeStyle.Rfc, compliance);
                    break;
                case "DESCRIPTION":
                    note.Body = TextEscaping.Unescape(ContentLineValue.DecodeText(line, compliance), EscapeStyle.Rfc, compliance).ReplaceLineEndings("\n");
                    break;
                case "CATEGORIES":
                    note.Categories.AddRange(StructuredValue.SplitList(line.Value, ',', EscapeStyle.Rfc, compliance).Where(c => c.Length > 0));
                    break;
            }
        }

        return note;
    }
}
