using Coffer.Sync.Content;

namespace Coffer.Sync.Tests;

/// <summary>
/// A device version that differs from the server copy only in bookkeeping (DTSTAMP, which SyncEvolution stamps with
/// the send time on every item; REV) must leave the server copy byte-identical: otherwise every slow sync makes a new
/// version of every event and the other phones download all of them again (found by the interop duplicate test).
/// </summary>
public class VolatileOnlyMergeTests
{
    private const string Event =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:ev-1\r\nDTSTAMP:20240101T000000Z\r\n" +
        "DTSTART:20240105T100000Z\r\nDTEND:20240105T110000Z\r\nSUMMARY:meeting\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    private static readonly CalendarContentHandler Calendar = new();
    private static readonly VCardContentHandler Cards = new();

    [Theory]
    [InlineData(null)]
    [InlineData("base")]
    public void EventDifferingOnlyInDtstamp_KeepsTheServerCopyByteForByte(string? withBase)
    {
        var server = Calendar.Normalize(Event, "text/calendar").Text;
        var device = Event.Replace("DTSTAMP:20240101T000000Z", "DTSTAMP:20261121T235340Z", StringComparison.Ordinal);

        var result = Calendar.Merge(withBase == null ? null : server, server, device, null, ConflictPolicy.ClientWins);

        result.Text.ShouldBe(server);
        result.DeviceNeedsUpdate.ShouldBeFalse();
    }

    [Fact]
    public void EventWithARealChange_StillReplacesTheServerCopy()
    {
        var server = Calendar.Normalize(Event, "text/calendar").Text;
        var device = Event.Replace("SUMMARY:meeting", "SUMMARY:moved meeting", StringComparison.Ordinal)
            .Replace("DTSTAMP:20240101T000000Z", "DTSTAMP:20261121T235340Z", StringComparison.Ordinal);

        var result = Calendar.Merge(server, server, device, null, ConflictPolicy.ClientWins);

        result.Text.ShouldContain("SUMMARY:moved meeting");
    }

    [Fact]
    public void EventWithAnAddedDetachedInstance_IsNotMistakenForUnchanged()
    {
        var server = Calendar.Normalize(Event, "text/calendar").Text;
        var device = Event.Replace(
            "END:VEVENT\r\nEND:VCALENDAR",
            "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:ev-1\r\nRECURRENCE-ID:20240106T100000Z\r\nDTSTAMP:20240101T000000Z\r\n" +
            "DTSTART:20240106T120000Z\r\nDTEND:20240106T130000Z\r\nSUMMARY:meeting (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR",
            StringComparison.Ordinal);

        var result = Calendar.Merge(server, server, device, null, ConflictPolicy.ClientWins);

        result.Text.ShouldContain("RECURRENCE-ID");
        result.Text.ShouldContain("SUMMARY:meeting (moved)");
    }

    [Fact]
    public void CardDifferingOnlyInRev_KeepsTheServerCopy_ARealChangeDoesNot()
    {
        const string card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jo;;;\r\nFN:Jo Doe\r\nREV:20240101T000000Z\r\nTEL;TYPE=CELL:+491\r\nEND:VCARD\r\n";
        var server = Cards.Normalize(card, "text/vcard").Text;

        Cards.Merge(null, server, card.Replace("REV:20240101T000000Z", "REV:20261121T235340Z", StringComparison.Ordinal), null, ConflictPolicy.ClientWins)
            .Text.ShouldBe(server);
        Cards.Merge(server, server, card.Replace("+491", "+492", StringComparison.Ordinal), null, ConflictPolicy.ClientWins)
            .Text.ShouldContain("+492");
    }
}
