using Coffer.Formats.Calendar;
using Coffer.Formats.Identity;
using Coffer.Formats.Notes;
using Coffer.Formats.Tests.VCard;
using Coffer.Formats.VCard;

namespace Coffer.Formats.Tests.Merge;

public class IdentityKeysTests
{
    public static TheoryData<string> Files => VCardVectors.FileNames();

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_test_contact_has_the_same_key_in_vcard_21_30_and_40(string file)
    {
        foreach (var item in VCardVectors.Items(VCardVectors.ReadFile(file)))
        {
            var card = VCardParser.Parse(item).Single();
            var key = IdentityKeys.ForVCard(card);
            foreach (var version in new[] { VCardVersion.V2_1, VCardVersion.V3_0, VCardVersion.V4_0 })
            {
                IdentityKeys.ForVCard(VCardParser.Parse(VCardWriter.Write(card, version)).Single()).ShouldBe(key, $"{file}: {version}\n{item}");
            }
        }
    }

    [Fact]
    public void Contact_keys_fold_case_accents_spacing_and_phone_punctuation()
    {
        var a = IdentityKeys.ForVCard(Cards.V30("N:Müller;Jörg;;;", "TEL;TYPE=CELL:+49 (171) 12-34"));
        var b = IdentityKeys.ForVCard(Cards.V30("FN:jorg   MULLER", "TEL:+4917112 34"));
        a.ShouldBe(b);
        IdentityKeys.ForVCard(Cards.V30("N:Müller;Jörg;;;", "TEL:+49171999")).ShouldNotBe(a);
        IdentityKeys.ForVCard(Cards.V30("N:Doe;Jane;;;", "EMAIL:Jane@X.org")).ShouldBe(IdentityKeys.ForVCard(Cards.V30("FN:Jane Doe", "EMAIL:jane@x.org")));
    }

    [Fact]
    public void Calendar_keys_use_the_uid_else_start_and_summary()
    {
        static CalendarDocument Parse(string body) => CalendarParser.Parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + body + "END:VCALENDAR\r\n");
        var withUid = Parse("BEGIN:VEVENT\r\nUID:abc\r\nDTSTART:20240101T100000Z\r\nSUMMARY:X\r\nEND:VEVENT\r\n");
        var sameUid = Parse("BEGIN:VEVENT\r\nUID:abc\r\nDTSTART:20250101T100000Z\r\nSUMMARY:Y\r\nEND:VEVENT\r\n");
        IdentityKeys.ForCalendar(withUid).ShouldBe(IdentityKeys.ForCalendar(sameUid));

        var a = Parse("BEGIN:VTODO\r\nDTSTART:20240101T100000Z\r\nSUMMARY:Buy Milk\r\nEND:VTODO\r\n");
        var b = CalendarParser.Parse("BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VTODO\r\nDTSTART:20240101T100000Z\r\nSUMMARY:buy  milk\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");
        IdentityKeys.ForCalendar(a).ShouldBe(IdentityKeys.ForCalendar(b));
        IdentityKeys.ForCalendar(Parse("BEGIN:VTODO\r\nDTSTART:20240102T100000Z\r\nSUMMARY:Buy Milk\r\nEND:VTODO\r\n")).ShouldNotBe(IdentityKeys.ForCalendar(a));
    }

    [Fact]
    public void Note_keys_use_the_first_line_and_a_length_class()
    {
        var a = IdentityKeys.ForNote(PlainTextNote.Parse("Shopping\r\nmilk, eggs"));
        IdentityKeys.ForNote(PlainTextNote.Parse("shopping\nmilk, eggs ")).ShouldBe(a);
        IdentityKeys.ForNote(PlainTextNote.Parse("Shopping\n" + new string('x', 500))).ShouldNotBe(a);
        IdentityKeys.ForNote(VNoteParser.Parse("BEGIN:VNOTE\r\nVERSION:1.1\r\nBODY;ENCODING=QUOTED-PRINTABLE:Shopping=0D=0Amilk, eggs\r\nEND:VNOTE\r\n").Single()).ShouldBe(a);
    }
}
