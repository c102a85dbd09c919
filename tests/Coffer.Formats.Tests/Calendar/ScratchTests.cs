using Coffer.Formats.Calendar;
using Xunit.Abstractions;

namespace Coffer.Formats.Tests.Calendar;

public class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        foreach (var f in CalendarVectors.IcsFiles)
        {
            var i = 0;
            foreach (var item in CalendarVectors.IcsItems(f))
            {
                var doc = CalendarParser.Parse(item);
                var v2 = CalendarWriter.Write(doc, CalendarVersion.ICalendar20);
                var v1 = CalendarWriter.Write(doc, CalendarVersion.VCalendar10);
                var back = CalendarWriter.Write(CalendarParser.Parse(v1), CalendarVersion.ICalendar20);
                var orig = NormalizedCalendar.From(item);
                output.WriteLine($"== {f}#{i++} missing2: " + string.Join(" // ", NormalizedCalendar.Missing(orig, NormalizedCalendar.From(v2))));
                output.WriteLine("   added2: " + string.Join(" // ", NormalizedCalendar.Missing(NormalizedCalendar.From(v2), orig)));
                output.WriteLine("   missing1: " + string.Join("\n      ", NormalizedCalendar.Missing(orig, NormalizedCalendar.From(back))));
                output.WriteLine("   added1: " + string.Join("\n      ", NormalizedCalendar.Missing(NormalizedCalendar.From(back), orig)));
                if (i < 3)
                {
                    output.WriteLine(v1);
                }
            }
        }

        foreach (var (src, text) in CalendarVectors.SyncMLItems())
        {
            var doc = CalendarParser.Parse(text);
            var v2 = CalendarWriter.Write(doc, CalendarVersion.ICalendar20);
            var v1 = CalendarWriter.Write(CalendarParser.Parse(v2), CalendarVersion.VCalendar10);
            output.WriteLine($"== {src}\n{v2}\n{v1}");
        }
    }
}
