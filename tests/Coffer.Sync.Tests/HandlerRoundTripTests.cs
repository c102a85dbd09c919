using Coffer.Formats.ContentLines;
using Coffer.Sync.Content;

namespace Coffer.Sync.Tests;

/// <summary>
/// The interop suite uploads every SyncEvolution test item from one client and restores it into another: each must
/// survive Normalize (the stored canonical form) and Render in its own format without losing a property.
/// </summary>
public class HandlerRoundTripTests
{
    public static TheoryData<string, string> Files => new()
    {
        { "eds_contact.vcf", "text/vcard" },
        { "carddav.vcf", "text/vcard" },
        { "qt_contact.vcf", "text/vcard" },
        { "eds_event.ics", "text/calendar" },
        { "eds_event-alarms-2010-12-31.ics", "text/calendar" },
        { "google_event.ics", "text/calendar" },
        { "eds_task.ics", "text/calendar" },
        { "eds_memo.ics", "text/calendar" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_test_item_survives_normalize_and_render_in_its_own_format(string file, string type)
    {
        IContentHandler handler = file.EndsWith(".vcf", StringComparison.Ordinal) ? new VCardContentHandler()
            : file.Contains("memo", StringComparison.Ordinal) ? new NoteContentHandler()
            : new CalendarContentHandler();
        var items = TestCaseItems.Items(file);
        items.Count.ShouldBeGreaterThan(0);
        foreach (var item in items)
        {
            var stored = handler.Normalize(item, type);
            var rendered = handler.Render(stored.Text, type, null, null);
            rendered.ContentType.ShouldBe(type);

            // VERSION, PRODID and METHOD describe the producer and the transport (RFC 5545 §3.7, RFC 5546), not the item;
            // a property without data (EMAIL:) is a placeholder, absent by design (docs/vcard.md).
            var expected = TestCaseItems.Entries(item).Where(e => !e.StartsWith("VCALENDAR|PRODID|", StringComparison.Ordinal)
                && !e.StartsWith("VCALENDAR|METHOD|", StringComparison.Ordinal) && !e.Contains("|VERSION|", StringComparison.Ordinal)
                && !Placeholder.IsPlaceholder(e.Split('|', 4)[3])).ToList();
            expected.Count.ShouldBeGreaterThan(0);
            TestCaseItems.Missing(expected, TestCaseItems.Entries(rendered.Text)).ShouldBeEmpty($"{file}\n{item}\n--- rendered:\n{rendered.Text}");

            // Storing the rendering again changes nothing: the canonical form is a fixed point.
            handler.Normalize(rendered.Text, type).Text.ShouldBe(stored.Text, file);
        }
    }
}
