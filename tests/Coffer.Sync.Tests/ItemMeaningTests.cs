using Coffer.Storage;
using Coffer.Sync.Tests.TestSupport;

namespace Coffer.Sync.Tests;

/// <summary>
/// The meaning comparison the engine and replay tests rely on since items are no longer stored byte for byte: it must
/// see through re-encoding (vCard 2.1 ⇄ 3.0, vCalendar 1.0 all-day and quoted-printable) and still catch a lost,
/// changed or invented property.
/// </summary>
public sealed class ItemMeaningTests
{
    private const string Card21 = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;John\r\nFN:John Doe\r\nTEL;CELL;PREF:+49 170 1\r\n" +
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:K=C3=A4se\r\nEND:VCARD\r\n";

    private const string Card30 = "BEGIN:VCARD\nVERSION:3.0\nN:Doe;John;;;\nFN:John Doe\nTEL;TYPE=PREF,CELL:+49 170 1\nNOTE:Käse\nEND:VCARD\n";

    [Fact]
    public void A_vCard_re_encoded_as_3_0_means_the_same()
    {
        Card30.ShouldMeanTheSameCardAs(Card21);
    }

    [Theory]
    [InlineData("NOTE:Käse\n", "")]
    [InlineData("NOTE:Käse\n", "NOTE:Kase\n")]
    [InlineData("TEL;TYPE=PREF,CELL:+49 170 1\n", "TEL;TYPE=PREF,HOME:+49 170 1\n")]
    [InlineData("END:VCARD", "EMAIL:john@example.org\nEND:VCARD")]
    public void A_lost_changed_or_invented_vCard_property_is_seen(string from, string to)
    {
        Should.Throw<ShouldAssertException>(() => Card30.Replace(from, to, StringComparison.Ordinal).ShouldMeanTheSameCardAs(Card21));
    }

    [Fact]
    public void A_vCalendar_all_day_event_written_either_way_means_the_same()
    {
        // vCalendar 1.0 has no DATE: Horde writes the next midnight, the P900 (and Coffer) 23:59:59 of the last day.
        const string horde = "BEGIN:VCALENDAR\nVERSION:1.0\nBEGIN:VEVENT\nDTSTART:20070101T000000\nDTEND:20070102T000000\nSUMMARY:new year\nEND:VEVENT\nEND:VCALENDAR\n";
        const string p900 = "BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nDTSTART:20070101T000000\r\nDTEND:20070101T235959\r\nSUMMARY:new year\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        ItemMeaning.Differences(ItemMeaning.OfCalendar(horde), ItemMeaning.OfCalendar(p900)).ShouldBeEmpty();
        ItemMeaning.Differences(ItemMeaning.OfCalendar(horde), ItemMeaning.OfCalendar(p900.Replace("new year", "old year", StringComparison.Ordinal)))
            .ShouldBe(["missing VCALENDAR/VEVENT#0/SUMMARY:new year", "unexpected VCALENDAR/VEVENT#0/SUMMARY:old year"]);
    }

    [Fact]
    public void A_property_may_be_missing_only_where_the_caller_allows_it()
    {
        const string full = "BEGIN:VCALENDAR\nVERSION:1.0\nBEGIN:VTODO\nSUMMARY:task\nORGANIZER:me\nEND:VTODO\nEND:VCALENDAR\n";
        const string trimmed = "BEGIN:VCALENDAR\nVERSION:1.0\nBEGIN:VTODO\nSUMMARY:task\nEND:VTODO\nEND:VCALENDAR\n";

        ItemMeaning.Differences(ItemMeaning.OfCalendar(full), ItemMeaning.OfCalendar(trimmed)).ShouldBe(["missing VCALENDAR/VTODO#0/ORGANIZER:me"]);
        ItemMeaning.Differences(ItemMeaning.OfCalendar(full), ItemMeaning.OfCalendar(trimmed), mayBeMissing: l => l.Field == "ORGANIZER").ShouldBeEmpty();
        ItemMeaning.Of(DatastoreKind.Contacts, "text/x-s4j-sifc", "<contact/>").ShouldBeNull("SIF is compared byte for byte");
    }
}
