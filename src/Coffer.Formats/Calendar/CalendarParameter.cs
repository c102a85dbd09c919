namespace Coffer.Formats.Calendar;

/// <summary>One property parameter ("TZID=Europe/Berlin", "ROLE=REQ-PARTICIPANT"); names are upper case.</summary>
public sealed class CalendarParameter
{
    public CalendarParameter(string name, params IEnumerable<string> values)
    {
        Name = name.ToUpperInvariant();
        Values = [.. values];
    }

    public string Name { get; }

    /// <summary>The values, unquoted; several when the parameter was a list ("MEMBER=a,b").</summary>
    public List<string> Values { get; }

    /// <summary>The first value, or the empty string.</summary>
    public string Value => Values.Count > 0 ? Values[0] : string.Empty;

    public override string ToString() => Name + "=" + string.Join(',', Values);
}
