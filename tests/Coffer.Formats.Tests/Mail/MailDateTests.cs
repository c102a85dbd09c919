using Coffer.Formats.Mail;

namespace Coffer.Formats.Tests.Mail;

public class MailDateTests
{
    [Theory]
    [InlineData("Fri, 21 Nov 1997 09:55:06 -0600", 1997, 11, 21, 9, 55, 6, -360)]
    [InlineData("21 Nov 97 09:55:06 GMT", 1997, 11, 21, 9, 55, 6, 0)]
    [InlineData("Thu, 13 Feb 1969 23:32 -0330 (Newfoundland Time)", 1969, 2, 13, 23, 32, 0, -210)]
    [InlineData("Tue, 1 Jul 2003 10:52:37 +0200", 2003, 7, 1, 10, 52, 37, 120)]
    [InlineData("1 Jan 49 00:00:00 EDT", 2049, 1, 1, 0, 0, 0, -240)]
    [InlineData("1 Jan 50 00:00:00 PST", 1950, 1, 1, 0, 0, 0, -480)]
    [InlineData("1 Jan 103 00:00:00 UT", 2003, 1, 1, 0, 0, 0, 0)]
    [InlineData("Mon, 31 Dec 2012 23:59:60 +0000", 2012, 12, 31, 23, 59, 59, 0)]
    [InlineData("Sat, 1 Jun 2024 12:00:00 Z", 2024, 6, 1, 12, 0, 0, 0)]
    [InlineData("Sat, 1 Jun 2024 12:00:00 A", 2024, 6, 1, 12, 0, 0, 0)]
    public void Rfc5322_and_obsolete_dates_parse_in_strict(string text, int y, int mo, int d, int h, int mi, int s, int offsetMinutes)
    {
        MailDate.TryParse(text, ParserCompliance.Strict, out var value).ShouldBeTrue();
        value.ShouldBe(new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromMinutes(offsetMinutes)));
        value.Offset.ShouldBe(TimeSpan.FromMinutes(offsetMinutes));
    }

    [Theory]
    [InlineData("Mon Jan  1 10:00:00 2024")]
    [InlineData("2024-01-01T10:00:00Z")]
    [InlineData("1 Jan 2024 10:00:00")]
    public void Loose_takes_asctime_iso_and_missing_zone_as_utc(string text)
    {
        MailDate.TryParse(text, ParserCompliance.Loose, out var value).ShouldBeTrue();
        value.ShouldBe(new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero));
        MailDate.TryParse(text, ParserCompliance.Strict, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("31 Feb 2024 10:00:00 +0000")]
    [InlineData("1 Jan 2024 25:00:00 +0000")]
    [InlineData("1 Jan 2024 10:00:00 +0175")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Impossible_dates_are_rejected(string text)
    {
        MailDate.TryParse(text, ParserCompliance.Strict, out _).ShouldBeFalse();
        MailDate.TryParse(text, ParserCompliance.Loose, out _).ShouldBeFalse();
    }

    [Fact]
    public void Format_writes_rfc5322_form_that_parses_back()
    {
        var date = new DateTimeOffset(2024, 3, 5, 9, 7, 0, TimeSpan.FromMinutes(-210));
        MailDate.Format(date).ShouldBe("Tue, 5 Mar 2024 09:07:00 -0330");
        MailDate.TryParse(MailDate.Format(date), ParserCompliance.Strict, out var back).ShouldBeTrue();
        back.ShouldBe(date);
    }
}
