using Coffer.Formats.ContentLines;

namespace Coffer.Formats.Tests.ContentLines;

public class TextEscapingTests
{
    [Theory]
    [InlineData("a;b,c\\d\ne", "a\\;b\\,c\\\\d\\ne")]
    [InlineData("line\r\nbreak", "line\\nbreak")]
    public void Rfc_escaping_round_trips(string text, string escaped)
    {
        TextEscaping.Escape(text, EscapeStyle.Rfc).ShouldBe(escaped);
        TextEscaping.Unescape(escaped, EscapeStyle.Rfc, ParserCompliance.Strict).ShouldBe(text.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Legacy_escaping_only_touches_semicolons_even_after_a_backslash()
    {
        foreach (var text in new[] { "a\\;b", "C:\\dir\\x", "a,b;c", "end\\" })
        {
            TextEscaping.Unescape(TextEscaping.Escape(text, EscapeStyle.Legacy), EscapeStyle.Legacy).ShouldBe(text);
        }

        TextEscaping.Escape("a,b;c", EscapeStyle.Legacy).ShouldBe("a,b\\;c");
    }

    [Fact]
    public void Unknown_escapes_are_kept_loose_and_rejected_strict()
    {
        TextEscaping.Unescape("C:\\temp\\x", EscapeStyle.Rfc).ShouldBe("C:\\temp\\x");
        Should.Throw<PimFormatException>(() => TextEscaping.Unescape("C:\\temp", EscapeStyle.Rfc, ParserCompliance.Strict));
        Should.Throw<PimFormatException>(() => TextEscaping.Unescape("end\\", EscapeStyle.Rfc, ParserCompliance.Strict));
    }

    [Fact]
    public void Structured_values_split_components_and_lists_respecting_escapes()
    {
        var parts = StructuredValue.Split("Doe;John,Johnny;;Dr\\.;Jr\\, III", EscapeStyle.Rfc);
        parts.Count.ShouldBe(5);
        parts[1].ShouldBe(["John", "Johnny"]);
        parts[2].ShouldBe([string.Empty]);
        parts[4].ShouldBe(["Jr, III"]);
        StructuredValue.Join(parts, EscapeStyle.Rfc).ShouldBe("Doe;John,Johnny;;Dr\\\\.;Jr\\, III");

        var legacy = StructuredValue.Split("Doe\\;Smith;John,Paul", EscapeStyle.Legacy);
        legacy.Select(c => c.Single()).ShouldBe(["Doe;Smith", "John,Paul"]);
    }
}
