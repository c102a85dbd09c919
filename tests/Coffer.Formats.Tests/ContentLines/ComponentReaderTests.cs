using Coffer.Formats.ContentLines;
using Coffer.TestData;

namespace Coffer.Formats.Tests.ContentLines;

public class ComponentReaderTests
{
    [Fact]
    public void Nested_components_form_a_tree()
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var cal = ComponentReader.Read(text, ContentLineReaderOptions.Strict).Single();
        cal.Name.ShouldBe("VCALENDAR");
        cal.GetProperty("version")!.Value.ShouldBe("2.0");
        var ev = cal.Components.Single();
        ev.Properties.Single().Name.ShouldBe("UID");
        ev.Components.Single().Name.ShouldBe("VALARM");
        ComponentReader.Read(ComponentWriter.Write(cal), ContentLineReaderOptions.Strict).Single().Components.Single().Components.Single()
            .GetProperty("ACTION")!.Value.ShouldBe("DISPLAY");
    }

    [Theory]
    [InlineData("BEGIN:VCARD\r\nFN:x\r\n", 1)]
    [InlineData("FN:x\r\nBEGIN:VCARD\r\nEND:VCARD\r\n", 1)]
    [InlineData("BEGIN:VCARD\r\nEND:VEVENT\r\nEND:VCARD\r\n", 2)]
    [InlineData("BEGIN:A\r\nBEGIN:B\r\nEND:A\r\n", 3)]
    public void Structure_errors_are_strict_failures_and_loose_repairs(string text, int line)
    {
        Should.Throw<PimFormatException>(() => ComponentReader.Read(text, ContentLineReaderOptions.Strict)).Line.ShouldBe(line);
        ComponentReader.Read(text).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("eds_contact.vcf")]
    [InlineData("carddav.vcf")]
    [InlineData("qt_contact.vcf")]
    [InlineData("eds_event.ics")]
    [InlineData("eds_task.ics")]
    public void Real_vectors_yield_one_component_per_top_level_BEGIN(string file)
    {
        var text = File.ReadAllText(TestDataPaths.Path("syncevolution-testcases", file));
        var begins = text.Split('\n').Count(l => l.StartsWith("BEGIN:", StringComparison.Ordinal));
        var roots = ComponentReader.Read(text);
        roots.ShouldNotBeEmpty();
        Count(roots).ShouldBe(begins);
        roots.Sum(r => r.Properties.Count).ShouldBeGreaterThan(roots.Count);
    }

    private static int Count(IEnumerable<Component> components) => components.Sum(c => 1 + Count(c.Components));
}
