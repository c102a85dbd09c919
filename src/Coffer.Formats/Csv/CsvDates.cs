using System.Globalization;

namespace Coffer.Formats.Csv;

/// <summary>Birthday conversions between vCard BDAY (RFC 6350 §6.2.5, ISO 8601) and the CSV layouts.</summary>
internal static class CsvDates
{
    /// <summary>A vCard BDAY ("1980-07-14", "19800714", "--0714", "--07-14", with or without time) as (year?, month, day).</summary>
    public static (int? Year, int Month, int Day)? FromVCard(string? bday)
    {
        if (string.IsNullOrWhiteSpace(bday))
        {
            return null;
        }

        var text = bday.Trim();
        var t = text.IndexOf('T', StringComparison.Ordinal);
        if (t > 0)
        {
            text = text[..t];
        }

        if (text.StartsWith("--", StringComparison.Ordinal))
        {
            var md = text[2..].Replace("-", string.Empty, StringComparison.Ordinal);
            return md.Length == 4 && int.TryParse(md[..2], CultureInfo.InvariantCulture, out var m) && int.TryParse(md[2..], CultureInfo.InvariantCulture, out var d) && Valid(2000, m, d)
                ? (null, m, d)
                : null;
        }

        var digits = text.Replace("-", string.Empty, StringComparison.Ordinal);
        if (digits.Length == 8 && DateTime.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (date.Year, date.Month, date.Day);
        }

        return null;
    }

    public static string ToVCard((int? Year, int Month, int Day) date) =>
        date.Year is int y
            ? string.Create(CultureInfo.InvariantCulture, $"{y:0000}-{date.Month:00}-{date.Day:00}")
            : string.Create(CultureInfo.InvariantCulture, $"--{date.Month:00}-{date.Day:00}");

    /// <summary>Google writes "yyyy-MM-dd", or "--MM-dd" for a birthday without year.</summary>
    public static string ToGoogle((int? Year, int Month, int Day) date) => ToVCard(date);

    /// <summary>Outlook writes the US short date "M/d/yyyy" ("0/0/00" for none); a birthday without year gets 1604.</summary>
    public static string ToOutlook((int? Year, int Month, int Day) date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Month}/{date.Day}/{date.Year ?? 1604}");

    /// <summary>Parses what either layout writes; empty and "0/0/00" mean no birthday.</summary>
    public static bool TryParse(string text, out (int? Year, int Month, int Day)? date)
    {
        date = null;
        text = text.Trim();
        if (text.Length == 0 || text == "0/0/00")
        {
            return true;
        }

        if (FromVCard(text) is { } v)
        {
            date = v;
            return true;
        }

        var formats = new[] { "M/d/yyyy", "M/d/yy", "d.M.yyyy", "yyyy/M/d" };
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            // 1604 stands for "no year" (the CardDAV convention, X-APPLE-OMIT-YEAR=1604), as ToOutlook writes it.
            date = (parsed.Year == 1604 ? null : parsed.Year, parsed.Month, parsed.Day);
            return true;
        }

        return false;
    }

    private static bool Valid(int year, int month, int day) => month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
}
