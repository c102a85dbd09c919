using Coffer.Formats.Calendar;

namespace Coffer.Formats.Tests.Calendar;

public class CalendarValueTests
{
    [Theory]
    [InlineData("20060406", CalendarDateTimeKind.Date, "20060406")]
    [InlineData("20060406T160000", CalendarDateTimeKind.Floating, "20060406T160000")]
    [InlineData("20060406T160000Z", CalendarDateTimeKind.Utc, "20060406T160000Z")]
    [InlineData("20061225T240000Z", CalendarDateTimeKind.Utc, "20061226T000000Z")]
    public void DateTimeFormsParseInStrict(string text, CalendarDateTimeKind kind, string formatted)
    {
        var d = CalendarDateTime.Parse(text, null, ParserCompliance.Strict);
        d.Kind.ShouldBe(kind);
        d.Format().ShouldBe(formatted);
    }

    [Theory]
    [InlineData("2006-04-06T16:00:00Z", "20060406T160000Z")]
    [InlineData("20060406T1600", "20060406T160000")]
    [InlineData("20060406T160000.123Z", "20060406T160000Z")]
    public void LooseRepairsIso8601Variants(string text, string formatted)
    {
        CalendarDateTime.Parse(text).Format().ShouldBe(formatted);
        Should.Throw<PimFormatException>(() => CalendarDateTime.Parse(text, null, ParserCompliance.Strict));
    }

    [Theory]
    [InlineData("20060230")]
    [InlineData("20061301T000000")]
    [InlineData("20060406T250000")]
    [InlineData("99991231T240000Z")]
    [InlineData("00010101")]
    [InlineData("2006040")]
    [InlineData("")]
    public void InvalidDateTimeRaisesPimFormatException(string text)
    {
        Should.Throw<PimFormatException>(() => CalendarDateTime.Parse(text));
    }

    [Fact]
    public void ZonedValueKeepsTzid()
    {
        var d = CalendarDateTime.Parse("20060406T160000", "Europe/Berlin");
        d.Kind.ShouldBe(CalendarDateTimeKind.Zoned);
        d.ToString().ShouldBe("TZID=Europe/Berlin:20060406T160000");
    }

    [Theory]
    [InlineData("-PT1H", -3600)]
    [InlineData("PT15M", 900)]
    [InlineData("-P1D", -86400)]
    [InlineData("P1W", 604800)]
    [InlineData("P1DT2H3M4S", 93784)]
    public void DurationsParseAndFormat(string text, int seconds)
    {
        CalendarDuration.Parse(text).ShouldBe(TimeSpan.FromSeconds(seconds));
        CalendarDuration.Parse(CalendarDuration.Format(TimeSpan.FromSeconds(seconds))).ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1H")]
    [InlineData("-PXT")]
    [InlineData("P999999999W")]
    [InlineData("PT999999999S1")]
    public void InvalidDurationRaisesPimFormatException(string text)
    {
        Should.Throw<PimFormatException>(() => CalendarDuration.Parse(text));
    }

    [Fact]
    public void TextPropertyEscapesAndUnescapes()
    {
        var p = new CalendarProperty("SUMMARY", "a\\, b\\; c\\\\ d\\nx");
        p.Text.ShouldBe("a, b; c\\ d\nx");
        p.Text = "x,y;z\\\n";
        p.Value.ShouldBe("x\\,y\\;z\\\\\\n");
    }
}
