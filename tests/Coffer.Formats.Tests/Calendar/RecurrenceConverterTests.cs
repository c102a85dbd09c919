using Coffer.Formats;
using Coffer.Formats.Calendar;

namespace Coffer.Formats.Tests.Calendar;

public class RecurrenceConverterTests
{
    // Golden cases written from the vCalendar 1.0 §3.5 grammar and RFC 5545 §3.3.10 by hand.
    [Theory]
    [InlineData("D2 #10", "FREQ=DAILY;INTERVAL=2;COUNT=10")]
    [InlineData("D1 #0", "FREQ=DAILY")]
    [InlineData("D1", "FREQ=DAILY;COUNT=2")]
    [InlineData("W2 MO TH 20021231T000000Z", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20021231T000000Z")]
    [InlineData("W1 #0", "FREQ=WEEKLY")]
    [InlineData("MP1 1+ MO #0", "FREQ=MONTHLY;BYDAY=1MO")]
    [InlineData("MP6 1+ 2- FR #4", "FREQ=MONTHLY;INTERVAL=6;BYDAY=1FR,-2FR;COUNT=4")]
    [InlineData("MP1 1+ MO 1- FR #0", "FREQ=MONTHLY;BYDAY=1MO,-1FR")]
    [InlineData("MD1 1 15 #5", "FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=5")]
    [InlineData("MD1 LD #0", "FREQ=MONTHLY;BYMONTHDAY=-1")]
    [InlineData("MD2 3- #0", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-3")]
    [InlineData("YM1 6 #3", "FREQ=YEARLY;BYMONTH=6;COUNT=3")]
    [InlineData("YM1 6 7 #0", "FREQ=YEARLY;BYMONTH=6,7")]
    [InlineData("YD1 1 100 #0", "FREQ=YEARLY;BYYEARDAY=1,100")]
    [InlineData("D1 20101231", "FREQ=DAILY;UNTIL=20101231")]
    public void VCal10RuleConvertsToRfc5545(string vcal, string ical)
    {
        VCalendarRecurrence.ToICalendar(vcal, compliance: ParserCompliance.Strict).ShouldBe(ical);
        VCalendarRecurrence.ToICalendar(vcal).ShouldBe(ical);
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;UNTIL=20060427T173000Z;INTERVAL=1;BYDAY=TH", "W1 TH 20060427T173000Z")]
    [InlineData("FREQ=DAILY;INTERVAL=1", "D1 #0")]
    [InlineData("FREQ=DAILY;COUNT=2", "D1 #2")]
    [InlineData("FREQ=MONTHLY;INTERVAL=1;UNTIL=20060606T173000Z", "MD1 20060606T173000Z")]
    [InlineData("BYMONTHDAY=6;FREQ=MONTHLY;INTERVAL=1;UNTIL=20060606T173000Z", "MD1 6 20060606T173000Z")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=-1", "MD1 1- #0")]
    [InlineData("FREQ=MONTHLY;BYDAY=1MO,-1FR;COUNT=3", "MP1 1+ MO 1- FR #3")]
    [InlineData("FREQ=YEARLY;INTERVAL=1;UNTIL=20070406T180000Z", "YM1 20070406T180000Z")]
    [InlineData("FREQ=YEARLY;BYMONTH=6;COUNT=3", "YM1 6 #3")]
    [InlineData("FREQ=YEARLY;BYYEARDAY=100", "YD1 100 #0")]
    [InlineData("FREQ=DAILY;UNTIL=20101231", "D1 20101231")]
    [InlineData("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "W1 MO TU WE TH FR #0")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=TU,TH", "W2 TU TH #0")]
    public void Rfc5545RuleConvertsToVCal10(string ical, string vcal)
    {
        VCalendarRecurrence.ToVCalendar(ical).ShouldBe(vcal);
    }

    // Rules vCalendar 1.0 cannot express: a converter that guesses would silently change the series.
    [Theory]
    [InlineData("FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3")]
    [InlineData("FREQ=MONTHLY;BYDAY=MO")]
    [InlineData("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1")]
    [InlineData("FREQ=HOURLY;INTERVAL=4")]
    [InlineData("FREQ=WEEKLY;BYDAY=1MO")]
    [InlineData("FREQ=DAILY;BYHOUR=9,17")]
    public void UnrepresentableRuleIsNotConverted(string ical)
    {
        VCalendarRecurrence.ToVCalendar(ical).ShouldBeNull();
    }

    [Theory]
    [InlineData("W2 MO TH 20021231T000000Z")]
    [InlineData("MP1 1+ MO 1- FR #3")]
    [InlineData("MD1 1 15 #5")]
    [InlineData("YM1 6 #3")]
    [InlineData("YD1 1 100 #0")]
    [InlineData("D3 #0")]
    public void VCal10RoundTripIsStable(string vcal)
    {
        VCalendarRecurrence.ToVCalendar(VCalendarRecurrence.ToICalendar(vcal)).ShouldBe(vcal);
    }

    [Fact]
    public void AllDayEndDateBecomesDate()
    {
        VCalendarRecurrence.ToICalendar("D1 20060412T000000", allDay: true).ShouldBe("FREQ=DAILY;UNTIL=20060412");
    }

    [Theory]
    [InlineData("w1 mo$ #0", "FREQ=WEEKLY;BYDAY=MO")]
    [InlineData("MP1 1 SA #0", "FREQ=MONTHLY;BYDAY=1SA")]
    [InlineData("D1 BOGUS #4", "FREQ=DAILY;COUNT=4")]
    public void LooseRepairsDeviceQuirks(string vcal, string ical)
    {
        VCalendarRecurrence.ToICalendar(vcal).ShouldBe(ical);
        Should.Throw<PimFormatException>(() => VCalendarRecurrence.ToICalendar(vcal, compliance: ParserCompliance.Strict));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Q1 #2")]
    [InlineData("D0 #2")]
    [InlineData("D1 #x")]
    [InlineData("W1 MO 20021331T000000Z")]
    public void MalformedRuleRaisesPimFormatException(string vcal)
    {
        Should.Throw<PimFormatException>(() => VCalendarRecurrence.ToICalendar(vcal));
    }
}
