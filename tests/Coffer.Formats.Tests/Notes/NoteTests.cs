using System.Xml.Linq;
using Coffer.Formats.Notes;
using Coffer.TestData;

namespace Coffer.Formats.Tests.Notes;

public class NoteTests
{
    private const string PhoneVNote =
        "BEGIN:VNOTE\r\n" +
        "VERSION:1.1\r\n" +
        "BODY;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Einkauf=0D=0AK=E4se=0D=0A=\r\n" +
        "Br=F6tchen\\; Milch\r\n" +
        "SUMMARY:Einkauf\r\n" +
        "CATEGORIES:Privat;Haushalt\r\n" +
        "CLASS:PRIVATE\r\n" +
        "DCREATED:20061222T205323Z\r\n" +
        "LAST-MODIFIED:20061222T210039\r\n" +
        "X-IRMC-LUID:000100000042\r\n" +
        "X-SONYERICSSON-COLOR:3\r\n" +
        "END:VNOTE\r\n";

    [Fact]
    public void Evolution_memos_export_as_plain_text_the_way_syncevolution_sends_them()
    {
        // EvolutionMemoSource::createItem: DESCRIPTION (summary prepended when its first line differs), else SUMMARY; CRLF.
        var notes = JournalConverter.FromICalendar(File.ReadAllText(TestDataPaths.Path("syncevolution-testcases", "eds_memo.ics")));
        notes.Select(PlainTextNote.Write).ShouldBe([
            "Only Summary",
            "Summary\r\nBody <<Revision>>",
            "Simple",
            "Umlaute\r\nä ö ü Ä Ö Ü",
        ]);
    }

    [Fact]
    public void Plain_text_memos_import_with_first_line_as_summary_and_keep_their_journal_fields()
    {
        // EvolutionMemoSource::insertItem: SUMMARY = first line, DESCRIPTION = the whole text.
        var original = JournalConverter.FromICalendar(File.ReadAllText(TestDataPaths.Path("syncevolution-testcases", "eds_memo.ics")));
        foreach (var journal in original.Where(n => n.Body.Length > 0))
        {
            var back = PlainTextNote.Parse(PlainTextNote.Write(journal));
            back.Summary.ShouldBe(journal.Summary);
            back.Body.ShouldBe(journal.Body);
        }
    }

    [Fact]
    public void Memo_from_a_real_syncevolution_session_gets_its_title_and_text()
    {
        var doc = XDocument.Load(TestDataPaths.Path("syncevolution-captures", "session-xml", "002-request.body.xml"));
        var add = doc.Descendants().Where(e => e.Name.LocalName == "Add")
            .Single(a => a.Descendants().Any(d => d.Name.LocalName == "Type" && d.Value == "text/plain"));
        var data = add.Descendants().First(d => d.Name.LocalName == "Data").Value;

        var note = PlainTextNote.Parse(data);
        note.Summary.ShouldBe("Shopping list");
        note.Body.ShouldBe("Shopping list\nmilk\nbread\n\n");
        PlainTextNote.Write(note).ShouldBe("Shopping list\r\nmilk\r\nbread\r\n\r\n");

        var viaVNote = VNoteParser.Parse(VNoteWriter.Write(note), ParserCompliance.Strict).Single();
        (viaVNote.Summary, viaVNote.Body).ShouldBe((note.Summary, note.Body));
    }

    [Fact]
    public void Phone_vnote_with_latin1_quoted_printable_body_and_bookkeeping_fields()
    {
        var note = VNoteParser.Parse(PhoneVNote, ParserCompliance.Strict).Single();
        note.Body.ShouldBe("Einkauf\nKäse\nBrötchen; Milch");
        note.Summary.ShouldBe("Einkauf");
        note.Categories.ShouldBe(["Privat", "Haushalt"]);
        note.Classification.ShouldBe("PRIVATE");
        note.Created.ShouldBe(new DateTime(2006, 12, 22, 20, 53, 23, DateTimeKind.Utc));
        note.Created!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        note.LastModified!.Value.Kind.ShouldBe(DateTimeKind.Unspecified);
        note.Luid.ShouldBe("000100000042");
        note.OtherProperties.Single().Name.ShouldBe("X-SONYERICSSON-COLOR");
    }

    [Fact]
    public void Vnote_write_parse_keeps_every_field()
    {
        var note = VNoteParser.Parse(PhoneVNote).Single();
        var text = VNoteWriter.Write(note);
        text.ShouldContain("BODY;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:");
        var back = VNoteParser.Parse(text, ParserCompliance.Strict).Single();
        back.Body.ShouldBe(note.Body);
        back.Summary.ShouldBe(note.Summary);
        back.Categories.ShouldBe(note.Categories);
        (back.Classification, back.Created, back.LastModified, back.Luid).ShouldBe((note.Classification, note.Created, note.LastModified, note.Luid));
        back.OtherProperties.Single().Value.ShouldBe("3");
    }

    [Fact]
    public void Vnote_to_vjournal_and_back_keeps_summary_body_and_categories()
    {
        var note = VNoteParser.Parse(PhoneVNote).Single();
        var ics = JournalConverter.ToICalendar(note);
        ics.ShouldContain("BEGIN:VJOURNAL");
        ics.ShouldContain("CATEGORIES:Privat,Haushalt");
        ics.ShouldContain("DESCRIPTION:Einkauf\\nKäse\\nBrötchen\\; Milch");
        var back = JournalConverter.FromICalendar(ics, ParserCompliance.Strict).Single();
        (back.Summary, back.Body).ShouldBe((note.Summary, note.Body));
        back.Categories.ShouldBe(note.Categories);
    }

    [Fact]
    public void Vnote_without_summary_takes_its_title_from_the_first_body_line()
    {
        var note = VNoteParser.Parse("BEGIN:VNOTE\r\nVERSION:1.1\r\nBODY:Call Bob\r\nEND:VNOTE\r\n").Single();
        note.Summary.ShouldBeNull();
        note.Title.ShouldBe("Call Bob");
    }

    [Theory]
    [InlineData("BEGIN:VNOTE\r\nBODY:x\r\nEND:VNOTE\r\n")]
    [InlineData("BEGIN:VNOTE\r\nVERSION:1.1\r\nDCREATED:yesterday\r\nEND:VNOTE\r\n")]
    [InlineData("BEGIN:VCARD\r\nVERSION:2.1\r\nEND:VCARD\r\n")]
    [InlineData("BEGIN:VNOTE\r\nVERSION:1.1\r\nBODY:x\r\n")]
    public void Strict_rejects_what_loose_accepts(string text)
    {
        Should.Throw<PimFormatException>(() => VNoteParser.Parse(text, ParserCompliance.Strict));
        Should.NotThrow(() => VNoteParser.Parse(text));
    }
}
