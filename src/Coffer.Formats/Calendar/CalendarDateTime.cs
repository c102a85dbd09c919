using System.Globalization;

namespace Coffer.Formats.Calendar;

/// <summary>
/// A DATE or DATE-TIME value as iCalendar 2.0 and vCalendar 1.0 write it: a wall-clock/UTC value plus
/// what it is anchored to. No clock and no zone database: turning a zoned value into an instant needs
/// the document's VTIMEZONE (see <see cref="CalendarTimeZone"/>).
/// </summary>
public sealed record CalendarDateTime
{
    /// <summary>The earliest year <see cref="Parse"/> accepts.</summary>
    public const int MinYear = 1000;

    /// <summary>The latest year <see cref="Parse"/> accepts.</summary>
    public const int MaxYear = 8999;

    public CalendarDateTime(DateTime value, CalendarDateTimeKind kind, string? tzId = null)
    {
        if (kind == CalendarDateTimeKind.Zoned && string.IsNullOrEmpty(tzId))
        {
            throw new ArgumentException("A zoned value needs a TZID.", nameof(tzId));
        }

        Value = kind == CalendarDateTimeKind.Date ? value.Date : DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        Kind = kind;
        TzId = kind == CalendarDateTimeKind.Zoned ? tzId : null;
    }

    /// <summary>The date and wall-clock (or UTC) time; <see cref="DateTime.Kind"/> is always Unspecified.</summary>
    public DateTime Value { get; }

    public CalendarDateTimeKind Kind { get; }

    /// <summary>The TZID parameter for <see cref="CalendarDateTimeKind.Zoned"/> values, else null.</summary>
    public string? TzId { get; }

    public bool IsDate => Kind == CalendarDateTimeKind.Date;

    public static CalendarDateTime Date(int year, int month, int day) => new(new DateTime(year, month, day), CalendarDateTimeKind.Date);

    public static CalendarDateTime Utc(DateTime value) => new(value, CalendarDateTimeKind.Utc);

    public static CalendarDateTime Floating(DateTime value) => new(value, CalendarDateTimeKind.Floating);

    /// <summary>
    /// Parses a DATE ("20060406") or DATE-TIME ("20060406T160000", "...Z") value, RFC 5545 §3.3.4/§3.3.5,
    /// vCalendar 1.0 §2.1.5 (ISO 8601 basic format). Loose also accepts the ISO 8601 extended form
    /// ("2006-04-06T16:00:00Z"), a missing seconds field and a trailing fraction. Both accept 24:00:00
    /// (ISO 8601 §4.2.3 end of day, sent by Symbian phones for all-day events) as midnight of the next day.
    /// </summary>
    public static CalendarDateTime Parse(string text, string? tzId = null, ParserCompliance compliance = ParserCompliance.Loose)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (compliance == ParserCompliance.Loose)
        {
            s = s.Replace("-", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal);
            var dot = s.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0)
            {
                var end = dot + 1;
                while (end < s.Length && char.IsAsciiDigit(s[end]))
                {
                    end++;
                }

                s = s[..dot] + s[end..];
            }
        }
        else if (s.Length != text.Length)
        {
            throw Invalid(text);
        }

        if (s.Length == 8)
        {
            var (y, m, d) = (Digits(s, 0, 4, text), Digits(s, 4, 2, text), Digits(s, 6, 2, text));
            return new CalendarDateTime(Make(y, m, d, 0, 0, 0, text), CalendarDateTimeKind.Date);
        }

        var utc = s.EndsWith('Z') || (compliance == ParserCompliance.Loose && s.EndsWith('z'));
        var core = utc ? s[..^1] : s;
        var withSeconds = core.Length == 15;
        if ((!withSeconds && !(compliance == ParserCompliance.Loose && core.Length == 13)) || (core[8] != 'T' && core[8] != 't'))
        {
            throw Invalid(text);
        }

        if (compliance == ParserCompliance.Strict && core[8] != 'T')
        {
            throw Invalid(text);
        }

        var value = Make(
            Digits(core, 0, 4, text),
            Digits(core, 4, 2, text),
            Digits(core, 6, 2, text),
            Digits(core, 9, 2, text),
            Digits(core, 11, 2, text),
            withSeconds ? Digits(core, 13, 2, text) : 0,
            text);
        if (utc)
        {
            return new CalendarDateTime(value, CalendarDateTimeKind.Utc);
        }

        return string.IsNullOrEmpty(tzId)
            ? new CalendarDateTime(value, CalendarDateTimeKind.Floating)
            : new CalendarDateTime(value, CalendarDateTimeKind.Zoned, tzId);
    }

    /// <summary>Like <see cref="Parse"/> but returns null instead of throwing.</summary>
    public static CalendarDateTime? TryParse(string? text, string? tzId = null, ParserCompliance compliance = ParserCompliance.Loose)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return Parse(text, tzId, compliance);
        }
        catch (PimFormatException)
        {
            return null;
        }
    }

    /// <summary>The value in RFC 5545 basic form: "20060406", "20060406T160000" or "20060406T160000Z".</summary>
    public string Format() => Kind switch
    {
        CalendarDateTimeKind.Date => Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        CalendarDateTimeKind.Utc => Value.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
        _ => Value.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture),
    };

    /// <summary>The same anchor with another value (keeps the kind and TZID).</summary>
    public CalendarDateTime WithValue(DateTime value) => new(value, Kind, TzId);

    public override string ToString() => TzId is null ? Format() : $"TZID={TzId}:{Format()}";

    private static DateTime Make(int y, int mo, int d, int h, int mi, int s, string text)
    {
        // Years outside 1000-8999 are never real appointments; keeping a margin lets the converters add
        // durations, zone offsets and days without overflowing DateTime.
        if (y is < MinYear or > MaxYear)
        {
            throw Invalid(text);
        }

        try
        {
            // ISO 8601 end-of-day 24:00:00 is the next day's midnight.
            if (h == 24 && mi == 0 && s == 0)
            {
                return new DateTime(y, mo, d).AddDays(1);
            }

            return new DateTime(y, mo, d, h, mi, s == 60 ? 59 : s);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Invalid(text);
        }
    }

    private static int Digits(string s, int start, int length, string text)
    {
        if (start + length > s.Length)
        {
            throw Invalid(text);
        }

        var n = 0;
        for (var i = start; i < start + length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                throw Invalid(text);
            }

            n = (n * 10) + (s[i] - '0');
        }

        return n;
    }

    private static PimFormatException Invalid(string text) => new($"Invalid DATE or DATE-TIME value '{text}'.");
}
